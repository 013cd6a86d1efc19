package io.github.tsbackfill.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.BackfillConfig;
import io.github.tsbackfill.DatabaseEndpoint;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.TestDatabase;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Every session the tool opens tells the server to notice a vanished client within minutes, not hours. */
class SessionsIT {

    @TimescaleTest(versions = {"2.13.1@pg15", "2.29.2"})
    void serversDropTheSessionsOfAVanishedHostWithinMinutes(DatabasePair db) throws SQLException {
        try (Pools pools = new Pools(BackfillConfig.builder().source(endpoint(db.source()))
                .target(endpoint(db.target())).build());
             Connection source = pools.source(); Connection target = pools.target()) {
            for (Connection c : new Connection[] {source, target}) {
                assertThat(setting(c, "tcp_keepalives_idle")).isEqualTo("60 s");
                assertThat(setting(c, "tcp_keepalives_interval")).isEqualTo("10 s");
                assertThat(setting(c, "tcp_keepalives_count")).isEqualTo("6 null");
                assertThat(setting(c, "tcp_user_timeout")).isEqualTo("120000 ms");
                assertThat(setting(c, "client_connection_check_interval")).isEqualTo("10000 ms");
                assertThat(setting(c, "TimeZone")).isEqualTo("UTC null");
            }
        }
    }

    private static DatabaseEndpoint endpoint(TestDatabase db) {
        return DatabaseEndpoint.of(db.jdbcUrl(), db.user(), db.password());
    }

    /** The session's value in the setting's base unit: "60 s". */
    private static String setting(Connection c, String name) throws SQLException {
        try (java.sql.PreparedStatement s = c.prepareStatement("SELECT setting || ' ' || coalesce(unit, 'null') "
                + "FROM pg_settings WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
