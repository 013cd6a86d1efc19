package io.github.tsbackfill.cli;

import static io.github.tsbackfill.cli.CliRunner.expectRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.Map;

/** control and status show and change the queue's control; copy --max-rate; refusals name the option. */
class ControlCliIT {

    @TimescaleTest
    void controlChangesWhatStatusShowsAndCopyObeys(DatabasePair db) {
        Fixtures.install(db, false);
        assertThat(CliRunner.run(db, "stage", "--until", "2030-01-01", "--filter", "^metrics\\.cpu$").exit()).isZero();
        CliRunner.Run shown = CliRunner.run(db, "control");
        assertThat(shown.exit()).isZero();
        assertThat(shown.out()).contains("running; each process's own -p; no rate limit.");

        CliRunner.Run paused = CliRunner.run(db, "control", "--pause", "-p", "2", "--max-rate", "50MB/s");
        assertThat(paused.out()).contains("paused; 2 worker(s) per process at most; 50.0 MB/s for all copies together.");
        assertThat(CliRunner.run(db, "status").out()).contains("Control: paused; 2 worker(s) per process at most");
        Map<String, Object> json = JsonDocument.object(CliRunner.run(db, "control", "--output", "json").out());
        assertThat(json).containsEntry("paused", true).containsEntry("parallelism", 2L).containsEntry("maxRate", 50_000_000L);

        expectRefusal(db, ExitCode.USAGE, "mutually exclusive", "control", "--pause", "--resume");
        expectRefusal(db, ExitCode.USAGE, "is not a rate such as 50MB/s", "control", "--max-rate", "fast");
        expectRefusal(db, ExitCode.USAGE, "--parallelism", "control", "-p", "-1");
        expectRefusal(db, ExitCode.USAGE, "is not a rate such as 50MB/s", "copy", "--max-rate", "-1");
        expectRefusal(db, ExitCode.USAGE, "neither a number of workers nor auto", "copy", "-p", "many");
        expectRefusal(db, ExitCode.USAGE, "--parallelism", "copy", "-p", "-2");
        expectRefusal(db, ExitCode.USAGE, "--max-parallelism: applies to -p auto only", "copy", "-p", "3",
                "--max-parallelism", "4");
        expectRefusal(db, ExitCode.USAGE, "--max-parallelism", "copy", "-p", "auto", "--max-parallelism", "0");

        CliRunner.Run resumed = CliRunner.run(db, "control", "--resume", "-p", "0", "--max-rate", "0");
        assertThat(resumed.out()).contains("running; each process's own -p; no rate limit.");
        assertThat(CliRunner.run(db, "status").out()).doesNotContain("Control:");
        assertThat(CliRunner.run(db, "copy", "-p", "2", "--max-rate", "100MiB/s").exit()).isZero();
        assertThat(db.target().queryLong("SELECT count(*) FROM metrics.cpu")).isEqualTo(5770);
        assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE claimed_by ~ '^.+:[0-9]+/copy-[12]$'"))
                .isEqualTo(10);

        // -p auto reports what it chose, in text and JSON (a run this short measures nothing: it stays at one).
        CliRunner.Run auto = CliRunner.run(db, "copy", "-p", "auto", "--max-parallelism", "3", "--recopy", "all");
        assertThat(auto.exit()).isZero();
        assertThat(auto.out()).contains("-p auto ended with 1 worker(s)");
        Map<String, Object> autoJson = JsonDocument.object(CliRunner.run(db, "copy", "-p", "auto", "--recopy", "all",
                "--output", "json").out());
        assertThat(autoJson.get("parallelism").toString()).contains("auto=true", "workers=1");

        CliRunner.Run noPolicies = CliRunner.run(db, "control", "--resume-policies");
        assertThat(noPolicies.exit()).isZero();
        assertThat(noPolicies.out()).contains("No policy job was paused.");

        CliRunner.Run workers = CliRunner.run(db, "status", "--workers");
        assertThat(workers.exit()).isZero();
        assertThat(workers.out()).contains("worker", "chunk", "rate").doesNotContain("worker(s) live");
    }
}
