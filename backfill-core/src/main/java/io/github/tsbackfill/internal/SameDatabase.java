package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillException;
import io.github.tsbackfill.BackfillException.Kind;
import java.sql.Connection;
import java.util.Objects;

/** Refuses to work when source and target are the same database: copy would delete what it reads. */
final class SameDatabase {

    private static final String IDENTITY =
            "SELECT current_database() || '|' || pg_postmaster_start_time() || '|' || coalesce(inet_server_port(), 0)";

    private SameDatabase() {
    }

    static void refuse(Connection source, Connection target) {
        String a = Sql.value(Sql.dsl(source), String.class, IDENTITY);
        String b = Sql.value(Sql.dsl(target), String.class, IDENTITY);
        if (Objects.equals(a, b)) {
            throw new BackfillException(Kind.INVALID_INPUT,
                    "--source and --target are the same database; the target must be another database");
        }
    }
}
