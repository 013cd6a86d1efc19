package io.github.tsbackfill.internal;

import io.github.tsbackfill.InvalidConfigurationException;
import java.sql.Connection;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Imports a snapshot exported on the source, so stage and copy read the data as of that moment. */
final class Snapshots {

    private Snapshots() {
    }

    /** Must be the first statement of a REPEATABLE READ transaction on {@code source}. */
    static void use(Connection source, String snapshot) {
        try {
            Sql.dsl(source).execute("SET TRANSACTION SNAPSHOT {0}", DSL.inline(snapshot));
        } catch (DataAccessException e) {
            throw new InvalidConfigurationException("--snapshot", "cannot use snapshot '" + snapshot
                    + "' (it exists only while the exporting transaction is open): " + Errors.describe(e));
        }
    }
}
