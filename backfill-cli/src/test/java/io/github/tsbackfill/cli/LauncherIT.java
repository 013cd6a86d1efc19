package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.Capability;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged launcher as a real process: a workflow, SIGTERM and Ctrl-C (SIGINT), its class archive. */
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

        // SIGTERM (Kubernetes stopping a pod), as Ctrl-C once: the chunk in progress finishes and commits, the rest
        // stays pending.
        Process graceful = launch(db, "copy", "-p", "1");
        awaitWorked(db, 1);
        signal(graceful, "TERM");
        assertThat(complete(graceful)).isEqualTo(ExitCode.INTERRUPTED);
        long worked = db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL");
        assertThat(worked).isBetween(1L, tasks - 1);
        assertThat(db.target().queryLong("SELECT count(*) FROM big.readings"))
                .isEqualTo(db.target().queryLong("SELECT sum(rows_copied) FROM __backfill.task WHERE worked IS NOT NULL"));

        // Ctrl-C twice: stop at once; what was in flight rolls back.
        Process forced = launch(db, "copy", "-p", "2");
        awaitWorked(db, worked + 1);
        signal(forced, "INT");
        signal(forced, "INT");
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
        signal(watch, "INT");
        assertThat(complete(watch)).isZero();
        assertThat(Files.readString(watchLog.toPath())).contains("24 of 24 chunk(s) copied, 0 B of");
        assertThat(complete(launch(db, "clean"))).isZero();
    }

    @TimescaleTest
    void aCopyKilledWithSigkillLosesNothingAndDuplicatesNothing(DatabasePair db) throws Exception {
        db.source().execute(BIG_SCHEMA, BIG_DATA);
        db.target().execute(BIG_SCHEMA);
        assertThat(complete(launch(db, "stage", "--until", "2030-01-01"))).isZero();
        // -Dbackfill.test.kills=25 for the long variant; -Dbackfill.test.seed replays a run.
        int kills = Integer.getInteger("backfill.test.kills", 4);
        long seed = Long.getLong("backfill.test.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        System.out.printf("%d kills, -Dbackfill.test.seed=%d%n", kills, seed);
        for (int kill = 1; kill <= kills; kill++) {
            long worked = db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL");
            // Every fourth kill, or once nothing is left to copy, hits a stage; the others a copy: at start-up or
            // while claiming (no wait), or mid-COPY or around a commit (after a chunk is done).
            boolean stage = kill % 4 == 0 || worked == 24;
            Process victim = stage ? launch(db, "stage", "--until", "2030-01-01") : launch(db, "copy", "-p", "2");
            if (!stage && random.nextBoolean()) {
                awaitWorked(db, worked + 1);
            }
            Thread.sleep(random.nextInt(stage ? 1500 : 400));
            victim.destroyForcibly();
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).as("seed %d, kill %d", seed, kill).isTrue();
        }
        assertThat(complete(launch(db, "copy"))).isZero();
        assertThat(db.target().queryLong("SELECT count(*) FROM big.readings")).isEqualTo(24 * 40_000);
        assertThat(db.target().queryLong("SELECT count(*) FROM (SELECT ts FROM big.readings GROUP BY ts "
                + "HAVING count(*) > 1) d")).as("duplicated rows").isZero();
        assertThat(complete(launch(db, "verify", "--deep"))).isZero();
    }

    @TimescaleTest
    void processesShareOneQueueWhileStageAndTheApplicationWrite(DatabasePair db) throws Exception {
        db.source().execute(BIG_SCHEMA, BIG_DATA);
        db.target().execute(BIG_SCHEMA);
        assertThat(complete(launch(db, "stage", "--until", "2024-01-01T12:00:00Z"))).isZero();

        File verboseLog = File.createTempFile("verbose", ".log");
        List<Process> copies = new ArrayList<>(List.of(launch(db, verboseLog, "copy", "-p", "2", "-v")));
        for (int i = 0; i < 3; i++) {
            copies.add(launch(db, "copy", "-p", "2"));
        }
        awaitWorked(db, 1);
        // Stage more while the copies run, and the application writes live rows outside every staged range.
        assertThat(complete(launch(db, "stage", "--until", "2024-01-02"))).isZero();
        db.target().execute("INSERT INTO big.readings SELECT timestamptz '2024-01-05' + i * interval '1 s', -1, 0, 'live' "
                + "FROM generate_series(1, 1000) i");
        for (Process copy : copies) {
            assertThat(complete(copy)).isZero();
        }
        assertThat(complete(launch(db, "copy"))).as("what was staged after the first copies ended").isZero();
        Process verify1 = launch(db, "verify", "-p", "2");
        Process verify2 = launch(db, "verify", "-p", "2");
        assertThat(complete(verify1)).isZero();
        assertThat(complete(verify2)).isZero();

        assertThat(db.target().queryLong("SELECT count(*) FROM big.readings WHERE ts < '2024-01-02'")).isEqualTo(24 * 40_000);
        assertThat(db.target().queryLong("SELECT count(*) FROM (SELECT ts FROM big.readings GROUP BY ts "
                + "HAVING count(*) > 1) d")).as("every chunk copied once").isZero();
        assertThat(db.target().queryLong("SELECT count(*) FROM big.readings WHERE note = 'live'")).as("live rows kept")
                .isEqualTo(1000);
        assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE verify_ok")).isEqualTo(24);
        // No secret in the task tables or in debug logs.
        String password = db.target().password();
        assertThat(db.target().queryLong("SELECT (SELECT count(*) FROM __backfill.task t WHERE t::text LIKE '%"
                + password + "%') + (SELECT count(*) FROM __backfill.meta m WHERE m::text LIKE '%" + password + "%')"))
                .isZero();
        assertThat(Files.readString(verboseLog.toPath())).as("-v logs").contains("HikariDataSource").doesNotContain(password)
                .doesNotContain("Thank you for using jOOQ");
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

    /** --metrics-port: Prometheus metrics answer while copy runs, and the counters move between two scrapes. */
    @TimescaleTest
    void servesPrometheusMetricsWhileCopying(DatabasePair db) throws Exception {
        db.source().execute(BIG_SCHEMA, BIG_DATA);
        db.target().execute(BIG_SCHEMA);
        assertThat(complete(launch(db, "stage", "--until", "2030-01-01"))).isZero();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process copy = launch(db, "copy", "-p", "2", "--max-rate", "4MB/s", "--metrics-port", String.valueOf(port));
        awaitWorked(db, 1);
        double first = metric(port, "backfill_bytes_copied_total");
        Thread.sleep(3000);
        String second = scrape(port);
        assertThat(value(second, "backfill_bytes_copied_total")).isGreaterThan(first);
        assertThat(second).contains("backfill_rows_copied_total", "backfill_chunks_finished_total{operation=\"copy\",outcome=\"ok\"}",
                "backfill_workers_busy{operation=\"copy\"}", "backfill_chunks_left{operation=\"copy\"}",
                "backfill_workers{operation=\"copy\"} 2.0", "backfill_retries_total{operation=\"copy\"} 0.0",
                "backfill_errors_total{operation=\"copy\"} 0.0");
        // 4 MB/s for the process: the last 30 s rate is near it, and the time left is known once chunks are done.
        assertThat(value(second, "backfill_bytes_per_second")).isBetween(1e6, 6e6);
        assertThat(value(second, "backfill_eta_seconds")).isPositive();
        assertThat(complete(copy)).isZero();
    }

    /**
     * copy --pause-policies killed with SIGKILL mid-run: the paused jobs stay recorded in __backfill, and clean
     * schedules them again, so nothing stays paused by accident.
     */
    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES)
    void policiesPausedByACopyKilledWithSigkillAreResumedByClean(DatabasePair db) throws Exception {
        db.source().execute(BIG_SCHEMA, BIG_DATA);
        db.target().execute(BIG_SCHEMA, """
                SELECT add_retention_policy('big.readings', interval '100 years');
                CREATE MATERIALIZED VIEW big.hourly WITH (timescaledb.continuous) AS
                    SELECT time_bucket('1 hour', ts) AS bucket, sensor, avg(value) FROM big.readings GROUP BY 1, 2
                    WITH NO DATA;
                SELECT add_continuous_aggregate_policy('big.hourly', start_offset => interval '3 days',
                    end_offset => interval '1 hour', schedule_interval => interval '1 hour');
                """);
        String scheduled = "SELECT count(*) FROM _timescaledb_config.bgw_job WHERE scheduled AND proc_name IN "
                + "('policy_retention', 'policy_refresh_continuous_aggregate')";
        assertThat(db.target().queryLong(scheduled)).isEqualTo(2);
        assertThat(complete(launch(db, "stage", "--until", "2030-01-01"))).isZero();

        Process copy = launch(db, "copy", "-p", "1", "--max-rate", "2MB/s", "--pause-policies");
        awaitWorked(db, 1);
        assertThat(db.target().queryLong(scheduled)).isZero();
        copy.destroyForcibly();
        assertThat(copy.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(copy.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.paused_job")).isEqualTo(2);
        assertThat(db.target().queryLong(scheduled)).isZero();

        File statusLog = File.createTempFile("status", ".log");
        assertThat(complete(launch(db, statusLog, "status"))).isZero();
        assertThat(Files.readString(statusLog.toPath())).contains("Paused for the backfill: 2 policy job(s)",
                "policy_retention on big.readings", "policy_refresh_continuous_aggregate on big.hourly");

        File cleanLog = File.createTempFile("clean", ".log");
        assertThat(complete(launch(db, cleanLog, "clean"))).isZero();
        assertThat(Files.readString(cleanLog.toPath())).contains("Resumed 2 policy job(s)", "Dropped the __backfill schema");
        assertThat(db.target().queryLong(scheduled)).isEqualTo(2);
    }

    private static String scrape(int port) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double metric(int port, String name) throws Exception {
        return value(scrape(port), name);
    }

    private static double value(String exposition, String name) {
        return exposition.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElseThrow(() -> new AssertionError(name + " missing in\n" + exposition));
    }

    /** --log-format json: every line on standard error is one JSON object; the result on standard output is not. */
    @TimescaleTest
    void logsAsJsonLinesWhenAsked(DatabasePair db) throws Exception {
        db.source().execute(BIG_SCHEMA);
        db.target().execute(BIG_SCHEMA);
        assertThat(complete(launch(db, "stage", "--until", "2030-01-01"))).isZero();
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER, "status", "-v", "--log-format", "json");
        builder.environment().put("TARGET_DB", db.target().libpqUrl());
        File err = File.createTempFile("status", ".err");
        Process status = builder.redirectError(err).start();
        String out = new String(status.getInputStream().readAllBytes());
        assertThat(complete(status)).isZero();
        assertThat(out).contains("chunk(s) copied");
        List<String> lines = Files.readAllLines(err.toPath());
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(JsonDocument.object(line))
                .containsKeys("timestamp", "level", "loggerName", "formattedMessage"));
        assertThat(String.join("\n", lines)).contains("backfill-target - Start completed.")
                .doesNotContain(db.target().password());
    }

    /**
     * On Java 19 and newer the launcher keeps a class archive in the user's cache, written by the first run and
     * mapped by the next; the JVM's notes about it never reach the output (scripts parse it). Java 17 makes none.
     */
    @Test
    void keepsAClassArchiveOnJava19AndNewerWithoutASoundOnTheOutput(@TempDir Path cache) throws Exception {
        Path newJava = newerJavaHome();
        Assumptions.assumeTrue(newJava != null, "no Java 19 or newer under /usr/lib/jvm");
        String first = version(newJava, cache);
        try (var files = Files.list(cache.resolve("timescaledb-backfill"))) {
            assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString().endsWith(".jsa");
        }
        assertThat(version(newJava, cache)).isEqualTo(first).startsWith("timescaledb-backfill ").doesNotContain("cds");

        Path oldCache = cache.resolve("java17");
        assertThat(version(Path.of(System.getProperty("java.home")), oldCache)).isEqualTo(first);
        assertThat(oldCache.resolve("timescaledb-backfill")).doesNotExist();
    }

    private static String version(Path javaHome, Path cache) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER, "--version").redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(complete(process)).as(out).isZero();
        return out;
    }

    private static Path newerJavaHome() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (var homes = Files.list(jvms)) {
            return homes.filter(home -> {
                try {
                    var m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
                    return m.find() && Integer.parseInt(m.group(1)) >= 19;
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().orElse(null);
        }
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

    private static void signal(Process process, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor()).isZero();
    }

    private static void awaitWorked(DatabasePair db, long atLeast) throws InterruptedException {
        db.target().awaitCount("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL", atLeast, Duration.ofMinutes(1));
    }

    static {
        if (LAUNCHER == null || !Files.isExecutable(Path.of(LAUNCHER))) {
            throw new IllegalStateException("the packaged launcher is missing: " + LAUNCHER + " (run mvn verify)");
        }
    }
}
