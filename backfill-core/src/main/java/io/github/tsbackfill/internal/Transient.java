package io.github.tsbackfill.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Failures worth another attempt in the same run: the connection was lost or reset, the server is shutting down or
 * starting up, too many connections, a serialization failure, a deadlock, a lock timeout, or a target that turned
 * read-only in a failover. Anything else (a missing column, a permission, a constraint) fails the chunk at once.
 */
final class Transient {

    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01", "55P03",
            "25006");

    private Transient() {
    }

    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || STATES.contains(e.getSQLState()))) {
                return true;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
