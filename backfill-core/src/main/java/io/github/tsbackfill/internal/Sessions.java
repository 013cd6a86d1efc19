package io.github.tsbackfill.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Session settings every connection gets: text forms of values the same on both sides, and a server that notices a
 * vanished copier host within about two minutes. A worker's sessions hold a task's row lock on the target and a
 * snapshot on the source; if its host dies without closing them, the servers would keep both until the
 * operating system's keepalive gives up (two hours by default), the chunk unclaimable and the source's vacuum held
 * back. Keepalive probes after 60 s of silence, every 10 s, 6 lost ones ending the session, and unacknowledged
 * data dropped after 2 min, end such sessions (their transactions roll back, the task is pending again); PostgreSQL
 * 14+ also checks the client during a long statement. Settable by any user; unknown ones are skipped.
 */
final class Sessions {

    private Sessions() {
    }

    static final String SETTINGS = "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; "
            + "SET extra_float_digits = 3; SET bytea_output = 'hex'; SET lc_monetary = 'C'; "
            + "SELECT set_config(name, setting, false) FROM (VALUES ('tcp_keepalives_idle', '60'), "
            + "('tcp_keepalives_interval', '10'), ('tcp_keepalives_count', '6'), ('tcp_user_timeout', '120000'), "
            + "('client_connection_check_interval', '10000')) AS s(name, setting) "
            + "WHERE name IN (SELECT p.name FROM pg_settings p)";

    static void prepare(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(SETTINGS);
        }
        connection.setAutoCommit(true);
    }

    /**
     * Names the session in pg_stat_activity, outside a transaction so that it lasts as long as the session. The
     * driver knows the current name (the server reports it) and skips the round trip when it is already this one,
     * as it is for the connection a worker borrowed last time.
     */
    static void name(Connection connection, String applicationName) throws SQLException {
        try {
            connection.setClientInfo("ApplicationName", applicationName);
        } catch (java.sql.SQLClientInfoException e) {
            throw new SQLException("cannot name the session " + applicationName + ": " + e.getMessage(), e);
        }
    }
}
