package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TestDatabase;
import io.github.tsbackfill.testkit.TimescaleTest;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * A password never appears anywhere: every command and error path of the CLI runs with a unique canary password
 * (with every character a URL treats specially), and no byte of standard output, standard error, the logs or the
 * {@code __backfill} tables holds it.
 */
class CanaryIT {

    private static final String CANARY = "Zq7canaryXw";
    private static final String PASSWORD = CANARY + "/@:?#%";

    @TimescaleTest
    void thePasswordAppearsNowhere(DatabasePair db) {
        Fixtures.install(db, false);
        String role = "canary_" + db.target().database();
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute("DO $$ BEGIN CREATE ROLE " + role + " SUPERUSER LOGIN PASSWORD '" + PASSWORD + "'; "
                    + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        }
        String source = url(db.source(), role);
        String target = url(db.target(), role);
        String unencoded = "postgres://" + role + ":" + PASSWORD + "@" + db.target().host() + ":"
                + db.target().port() + "/" + db.target().database();
        record Step(int exit, String... command) {
        }
        String dead = "postgres://" + role + ":" + encode(PASSWORD) + "@127.0.0.1:1/" + db.target().database();
        List<Step> steps = List.of(
                new Step(0, "stage", "--source", source, "--target", target, "--until", "2030-01-01", "-v", "--filter",
                        "^metrics\\.(cpu|readings)$"),
                new Step(0, "stage", "--source", source, "--target", target, "--until", "1000", "-f", "events", "--dry-run",
                        "--output", "json"),
                new Step(0, "copy", "--source", source, "--target", target, "-p", "2", "--verbose"),
                new Step(0, "verify", "--source", source, "--target", target, "--deep", "-v"),
                new Step(0, "status", "--target", target, "--output", "json"),
                new Step(0, "refresh-caggs", "--source", source, "--target", target),
                new Step(ExitCode.USAGE, "copy", "--sourc", source, "--target", target),
                new Step(ExitCode.USAGE, "copy", "--source", source, "--targt", target),
                new Step(ExitCode.USAGE, "copy", source, target),
                new Step(ExitCode.USAGE, "copy", "--source", unencoded, "--target", target),
                new Step(ExitCode.USAGE, "copy", "--source", source, "--target", unencoded, "-v"),
                new Step(ExitCode.USAGE, "status", "--target", "postgres://" + role + ":" + CANARY + "@x@127.0.0.1:1/db"),
                new Step(ExitCode.CONNECTION, "status", "--target", dead),
                new Step(ExitCode.CONNECTION, "status", "--target", dead, "-v", "--output", "json"),
                new Step(ExitCode.USAGE, "status", "--target", "jdbc:postgresql://127.0.0.1:1/db?user=u&password="
                        + PASSWORD),
                new Step(ExitCode.CONNECTION, "status", "--target", "jdbc:postgresql://127.0.0.1:1/db?user=u&password="
                        + encode(PASSWORD)),
                new Step(ExitCode.CONNECTION, "status", "--target", url(db.target(), "nobody"), "-v"));

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            for (Step step : steps) {
                CliRunner.Run run = CliRunner.run(Map.of(), step.command());
                String shown = String.join(" ", step.command()).replace(encode(PASSWORD), "<pw>").replace(PASSWORD, "<pw>");
                assertThat(run.out() + run.err()).as(shown).doesNotContain(CANARY);
                assertThat(run.exit()).as("%s\n%s", shown, run.err().replace(CANARY, "<canary>")).isEqualTo(step.exit());
            }
            db.target().execute("UPDATE metrics.cpu SET big = big + 1 WHERE ts = (SELECT min(ts) FROM metrics.cpu)");
            CliRunner.Run mismatch = CliRunner.run(Map.of(), "verify", "--source", source, "--target", target,
                    "--again", "-v");
            assertThat(mismatch.exit()).isEqualTo(ExitCode.MISMATCH);
            assertThat(mismatch.out() + mismatch.err()).doesNotContain(CANARY);
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task t WHERE t::text LIKE '%" + CANARY
                    + "%'") + db.target().queryLong("SELECT count(*) FROM __backfill.meta m WHERE m::text LIKE '%"
                    + CANARY + "%'")).isZero();
            CliRunner.Run clean = CliRunner.run(Map.of(), "clean", "--target", target, "-v");
            assertThat(clean.exit()).isZero();
            assertThat(clean.out() + clean.err()).doesNotContain(CANARY);
        } finally {
            root.detachAppender(logs);
            for (TestDatabase d : List.of(db.source(), db.target())) {
                d.execute("REASSIGN OWNED BY " + role + " TO CURRENT_USER", "DROP OWNED BY " + role);
            }
            for (TestDatabase d : List.of(db.source(), db.target())) {
                d.execute("DROP ROLE IF EXISTS " + role);
            }
        }
        assertThat(logs.list).as("the verbose logs").isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .doesNotContain(CANARY));
    }

    private static String url(TestDatabase db, String role) {
        return "postgres://" + role + ":" + encode(PASSWORD) + "@" + db.host() + ":" + db.port() + "/" + db.database();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
