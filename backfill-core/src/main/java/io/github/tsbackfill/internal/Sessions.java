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
}
