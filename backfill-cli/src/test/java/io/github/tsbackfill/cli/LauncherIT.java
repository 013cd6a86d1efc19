package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged launcher as a real process: a workflow, and Ctrl-C (SIGINT) once and twice. */
class LauncherIT {

    private static final String LAUNCHER = System.getProperty("backfill.launcher");

    @TimescaleTest
    void runsTheWorkflowAndStopsOnSigint(DatabasePair db) throws Exception {
        db.source().execute(BIG_SCHEMA, BIG_DATA);
        db.target().execute(BIG_SCHEMA);
        assertThat(launch(db, "--version").waitFor()).isZero();
        assertThat(complete(launch(db, "stage", "--until", "2030-01-01"))).isZero();
        long tasks = db.target().queryLong("SELECT count(*) FROM __backfill.task");
        assertThat(tasks).isEqualTo(24);

        // Ctrl-C once: the chunk in progress finishes and commits, the rest stays pending.
        Process graceful = launch(db, "copy", "-p", "1");
        awaitWorked(db, 1);
        signal(graceful);
        assertThat(complete(graceful)).isEqualTo(ExitCode.INTERRUPTED);
        long worked = db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL");
        assertThat(worked).isBetween(1L, tasks - 1);
        assertThat(db.target().queryLong("SELECT count(*) FROM big.readings"))
                .isEqualTo(db.target().queryLong("SELECT sum(rows_copied) FROM __backfill.task WHERE worked IS NOT NULL"));

        // Ctrl-C twice: stop at once; what was in flight rolls back.
        Process forced = launch(db, "copy", "-p", "2");
        awaitWorked(db, worked + 1);
        signal(forced);
        signal(forced);
        assertThat(complete(forced)).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(db.target().queryLong("SELECT count(*) FROM big.readings"))
                .isEqualTo(db.target().queryLong("SELECT sum(rows_copied) FROM __backfill.task WHERE worked IS NOT NULL"));

        assertThat(complete(launch(db, "copy"))).isZero();
        assertThat(db.target().queryLong("SELECT count(*) FROM big.readings")).isEqualTo(24 * 40_000);
        assertThat(complete(launch(db, "verify"))).isZero();

        // status --watch repeats until Ctrl-C, which ends it normally.
        File watchLog = File.createTempFile("watch", ".log");
        Process watch = launch(db, watchLog, "status", "--watch", "1");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (Files.readString(watchLog.toPath()).split("24 of 24 chunk\\(s\\) copied", -1).length < 3
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        signal(watch);
        assertThat(complete(watch)).isZero();
        assertThat(Files.readString(watchLog.toPath())).contains("24 of 24 chunk(s) copied, 0 B of");
        assertThat(complete(launch(db, "clean"))).isZero();
    }

    @TimescaleTest
    void aCopyKilledWithSigkillLosesNothingAndDuplicatesNothing(DatabasePair db) throws Exception {
        db.source().execute(BIG_SCHEMA, BIG_DATA);
        db.target().execute(BIG_SCHEMA);
        assertThat(complete(launch(db, "stage", "--until", "2030-01-01"))).isZero();
        java.util.Random random = new java.util.Random(42);
        for (int kill = 1; kill <= 3; kill++) {
            long before = db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL");
            Process copy = launch(db, "copy", "-p", "2");
            awaitWorked(db, before + 1);
            Thread.sleep(random.nextInt(300));
            copy.destroyForcibly();
            assertThat(copy.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE worked IS NULL"))
                .as("some work left after the kills").isPositive();
        assertThat(complete(launch(db, "copy"))).isZero();
        assertThat(db.target().queryLong("SELECT count(*) FROM big.readings")).isEqualTo(24 * 40_000);
        assertThat(db.target().queryLong("SELECT count(*) FROM (SELECT ts FROM big.readings GROUP BY ts "
                + "HAVING count(*) > 1) d")).as("duplicated rows").isZero();
        assertThat(complete(launch(db, "verify", "--deep"))).isZero();
    }

    private static final String BIG_SCHEMA = """
            CREATE SCHEMA big;
            CREATE TABLE big.readings (ts timestamptz NOT NULL, sensor int, value double precision, note text);
            SELECT create_hypertable('big.readings', 'ts', chunk_time_interval => interval '1 hour');
            """;
    private static final String BIG_DATA = """
            INSERT INTO big.readings
            SELECT timestamptz '2024-01-01' + i * interval '90 ms', i % 100, i / 7.0, 'reading number ' || i
            FROM generate_series(0, 24 * 40000 - 1) i;
            """;

    private static Process launch(DatabasePair db, String... args) throws IOException {
        return launch(db, File.createTempFile("launcher", ".log"), args);
    }

    private static Process launch(DatabasePair db, File log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.environment().put("SOURCE_DB", db.source().libpqUrl());
        builder.environment().put("TARGET_DB", db.target().libpqUrl());
        return builder.start();
    }

    private static int complete(Process process) throws Exception {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish in 2 minutes");
        }
        return process.exitValue();
    }

    private static void signal(Process process) throws Exception {
        assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor()).isZero();
    }

    private static void awaitWorked(DatabasePair db, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL") < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no chunk copied within a minute");
            }
            Thread.sleep(20);
        }
    }

    static {
        if (LAUNCHER == null || !Files.isExecutable(Path.of(LAUNCHER))) {
            throw new IllegalStateException("the packaged launcher is missing: " + LAUNCHER + " (run mvn verify)");
        }
    }
}
