package io.github.tsbackfill.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Session settings every connection gets, so text forms of values are the same on both sides. */
final class Sessions {

    private Sessions() {
    }

    static final String SETTINGS = "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; "
            + "SET extra_float_digits = 3; SET bytea_output = 'hex'; SET lc_monetary = 'C'";

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
