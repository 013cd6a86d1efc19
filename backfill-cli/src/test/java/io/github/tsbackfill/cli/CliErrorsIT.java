package io.github.tsbackfill.cli;

import static io.github.tsbackfill.cli.CliRunner.expectRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.List;
import java.util.Map;

/** Exit codes, one-line errors, JSON output and password masking of the real CLI against real TimescaleDB. */
class CliErrorsIT {

    @TimescaleTest
    void reportsEachErrorClassWithItsExitCodeAndNoPassword(DatabasePair db) {
        Fixtures.install(db, false);
        String src = db.source().libpqUrl();
        String tgt = db.target().libpqUrl();
        String wrongPassword = tgt.replace(":" + db.target().password() + "@", ":Sekr1t-wrong@");
        String refused = "postgres://u:Sekr1t-refused@127.0.0.1:1/db";

        expectRefusal(db, ExitCode.USAGE, "--until", "stage", "--source", src, "--target", tgt);
        expectRefusal(db, ExitCode.USAGE, "not a PostgreSQL URL", "status", "--target", "mysql://x");
        expectRefusal(db, ExitCode.USAGE, "--filter: invalid regular expression", "stage", "--until", "2030-01-01",
                "--filter", "(");
        expectRefusal(db, ExitCode.USAGE, "matches no hypertable", "stage", "--until", "2030-01-01", "--filter", "^nope$");
        expectRefusal(db, ExitCode.USAGE, "is not a valid bigint for hypertable metrics.events_big", "stage",
                "--until", "2030-01-01", "--filter", "events_big");
        expectRefusal(db, ExitCode.USAGE, "same database", "stage", "--source", tgt, "--target", tgt, "--until", "1");
        expectRefusal(db, ExitCode.PRECONDITION, "run 'stage' first", "copy");
        expectRefusal(db, ExitCode.PRECONDITION, "run 'stage' first", "verify");
        expectRefusal(db, ExitCode.CONNECTION, "cannot log in to the target database", "status", "--target", wrongPassword);
        expectRefusal(db, ExitCode.CONNECTION, "cannot connect to the target database", "status", "--target", refused);

        CliRunner.Run noTimescale = CliRunner.run(db, "stage", "--until", "1", "--target",
                tgt.substring(0, tgt.lastIndexOf('/') + 1) + "postgres");
        assertThat(noTimescale.exit()).isEqualTo(ExitCode.PRECONDITION);
        assertThat(noTimescale.err()).contains("TimescaleDB is not installed in the target database");
    }

    @TimescaleTest
    void verifyMismatchExitsWithItsOwnCode(DatabasePair db) {
        Fixtures.install(db, false);
        assertThat(CliRunner.run(db, "stage", "--until", "2030-01-01", "--filter", "^metrics\\.cpu$").exit()).isZero();
        assertThat(CliRunner.run(db, "copy", "-p", "2").exit()).isZero();
        db.target().execute("DELETE FROM metrics.cpu WHERE device = 3 AND ts < '2024-01-02'");
        CliRunner.Run verify = CliRunner.run(db, "verify", "--output", "json");
        assertThat(verify.exit()).isEqualTo(ExitCode.MISMATCH);
        Map<String, Object> json = JsonDocument.object(verify.out());
        assertThat((List<?>) json.get("mismatches")).singleElement()
                .satisfies(m -> assertThat(((Map<?, ?>) m).get("details").toString()).contains("row count: source 576, target 432"));
        assertThat(json.get("matching")).isEqualTo(9L);
    }

    @TimescaleTest
    void everyCommandPrintsOneJsonDocument(DatabasePair db) {
        Fixtures.install(db, false);
        Map<String, Object> stage = json(CliRunner.run(db, "stage", "--until", "2024-01-03T12:00:00Z", "--filter",
                "^metrics\\.(cpu|readings)$", "--output", "json"));
        assertThat((List<?>) stage.get("hypertables")).hasSize(2);
        assertThat(stage.toString()).doesNotContain(db.source().password());

        Map<String, Object> copy = json(CliRunner.run(db, "copy", "--output", "json"));
        assertThat(copy.get("stopped")).isEqualTo(false);
        assertThat(copy.get("pending")).isEqualTo(0L);
        assertThat(((List<?>) copy.get("hypertables")).stream().map(h -> (Object) ((Map<?, ?>) h).get("rows")).toList())
                .containsExactly(4 * 144 * 2 + 4 * 72 + 10L, 2 * 60L);

        Map<String, Object> verify = json(CliRunner.run(db, "verify", "--deep", "--output", "json"));
        assertThat(verify.get("matching")).isEqualTo(6L);
        Map<String, Object> status = json(CliRunner.run(db, "status", "--output", "json"));
        assertThat(((List<?>) status.get("hypertables")).stream().map(h -> (Object) ((Map<?, ?>) h).get("verified")).toList())
                .containsExactly(3L, 3L);
        assertThat(json(CliRunner.run(db, "clean", "--output", "json")).get("dropped")).isEqualTo(true);
    }

    @TimescaleTest
    void helpTeachesTheWorkflowAndExitCodes(DatabasePair db) {
        CliRunner.Run help = CliRunner.run(db, "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("stage", "copy", "verify", "clean", "status", "Exit codes:",
                "timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB --until '2016-01-02T00:00:00'");
        CliRunner.Run copyHelp = CliRunner.run(db, "copy", "--help");
        assertThat(copyHelp.out()).contains("--parallelism", "N|auto", "Ctrl-C (or SIGTERM) once", "--pause-policies");
        assertThat(CliRunner.run(db, "generate-completion").out()).contains("complete -F");
    }

    private static Map<String, Object> json(CliRunner.Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
        return JsonDocument.object(run.out());
    }
}
