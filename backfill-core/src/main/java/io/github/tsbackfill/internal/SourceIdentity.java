package io.github.tsbackfill.internal;

import java.sql.Connection;
import org.jooq.Record;

/**
 * Which source database a queue belongs to: the cluster's system identifier (shared by its physical replicas,
 * new for any other cluster) and the database's name within it.
 */
record SourceIdentity(String systemIdentifier, String database) {

    static SourceIdentity of(Connection source) {
        Record r = Sql.dsl(source).resultQuery("SELECT system_identifier::text, current_database()::text "
                + "FROM pg_control_system()").fetchOne();
        return new SourceIdentity(r.get(0, String.class), r.get(1, String.class));
    }

    @Override
    public String toString() {
        return "database " + database + " of system " + systemIdentifier;
    }
}
