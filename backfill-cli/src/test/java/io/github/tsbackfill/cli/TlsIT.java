package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.DatabaseEndpoint;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TestDatabase;
import io.github.tsbackfill.testkit.TlsFiles;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/**
 * sslmode, sslrootcert and PGSSLMODE/PGSSLROOTCERT mean what they mean in libpq, against a server with a
 * certificate for 127.0.0.1 from a throw-away CA (made by the testkit).
 */
class TlsIT {

    @TimescaleTest
    void verifiesLikeLibpq(DatabasePair db) throws Exception {
        TlsFiles tls = db.target().tls().orElseThrow(() -> new AssertionError("the test server offers no TLS"));
        Fixtures.install(db, false);
        String ca = tls.rootCert().toString();
        String other = tls.otherRootCert().toString();

        assertThat(encrypted(db.target(), "127.0.0.1", "sslmode=verify-full&sslrootcert=" + ca, Map.of())).isTrue();
        assertThat(encrypted(db.target(), "127.0.0.1", "sslmode=require", Map.of())).as("require: any certificate")
                .isTrue();
        assertThat(encrypted(db.target(), "localhost", "sslmode=verify-ca&sslrootcert=" + ca, Map.of()))
                .as("verify-ca: the CA, not the host name").isTrue();
        assertThat(encrypted(db.target(), "127.0.0.1", "sslmode=disable", Map.of())).isFalse();
        assertThat(encrypted(db.target(), "127.0.0.1", "", Map.of("PGSSLMODE", "verify-full", "PGSSLROOTCERT", ca)))
                .isTrue();

        String source = url(db.source(), "127.0.0.1", "sslmode=verify-full&sslrootcert=" + ca);
        CliRunner.Run ok = run(Map.of(), "stage", "--source", source, "--target",
                url(db.target(), "127.0.0.1", "sslmode=verify-full&sslrootcert=" + ca), "--until", "2030-01-01",
                "-f", "^metrics\\.cpu$", "--dry-run");
        assertThat(ok.exit()).as(ok.err()).isZero();

        refused(db, source, url(db.target(), "127.0.0.1", "sslmode=verify-full&sslrootcert=" + other), Map.of(),
                "not signed by a trusted CA");
        refused(db, source, url(db.target(), "localhost", "sslmode=verify-full&sslrootcert=" + ca), Map.of(),
                "not for host localhost");
        refused(db, source, url(db.target(), "127.0.0.1", "sslmode=require&sslrootcert=" + other), Map.of(),
                "not signed by a trusted CA");
        refused(db, source, url(db.target(), "127.0.0.1", ""), Map.of("PGSSLMODE", "verify-ca", "PGSSLROOTCERT", other),
                "not signed by a trusted CA");
    }

    private static void refused(DatabasePair db, String source, String target, Map<String, String> env, String why) {
        CliRunner.Run run = run(env, "stage", "--source", source, "--target", target, "--until", "2030-01-01",
                "--dry-run");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.CONNECTION);
        assertThat(run.err().strip()).as("one line").doesNotContain("\n").doesNotContain("Exception")
                .startsWith("error: cannot connect to the target database").contains(why)
                .doesNotContain(db.target().password());
    }

    private static CliRunner.Run run(Map<String, String> env, String... args) {
        return CliRunner.run(env, args);
    }

    /** Whether a connection made from the URL as the CLI reads it is encrypted, as the server sees it. */
    private static boolean encrypted(TestDatabase db, String host, String query, Map<String, String> env)
            throws Exception {
        Map<String, String> variables = new HashMap<>(env);
        DatabaseEndpoint endpoint = ConnectionUrl.parse("--target", url(db, host, query),
                new Environment(variables, Path.of("/nonexistent-home"))).endpoint();
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static String url(TestDatabase db, String host, String query) {
        return db.libpqUrl().replace("@" + db.host() + ":", "@" + host + ":") + (query.isEmpty() ? "" : "?" + query);
    }
}
