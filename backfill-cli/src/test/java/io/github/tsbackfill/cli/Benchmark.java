package io.github.tsbackfill.cli;

import io.github.tsbackfill.testkit.Capability;
import io.github.tsbackfill.testkit.DatabaseProvider;
import io.github.tsbackfill.testkit.Providers;
import io.github.tsbackfill.testkit.TestDatabase;
import io.github.tsbackfill.testkit.TimescaleServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the product against the physical limit, in one run, on real TimescaleDB, and prints ratios:
 * copy -p 1 vs a raw psql binary COPY pipe (chunk by chunk), scaling with -p, compressed bytes sent vs on-disk
 * size, copy with a 64 MB heap, stage of many chunks, verify vs the bare aggregate query, cold start of --help,
 * and the cost of the cross-version path (a TimescaleDB 2.13.1 source on PostgreSQL 15 into the newest target).
 * Sizes: -Dbench.rows (default 5,000,000), -Dbench.bigChunkRows (rows in the one-chunk heap test, default
 * 10,000,000, about 1.1 GB), -Dbench.stageChunks (default 10,000); -Dbench.only=copy,heap,compressed,stage,start,cross
 * runs some parts only.
 * Run: ./mvnw -B -q -DskipTests -Pbench -pl backfill-cli -am verify
 */
public final class Benchmark {

    private static final String LAUNCHER = "backfill-cli/target/timescaledb-backfill/bin/timescaledb-backfill";

    private final TimescaleServer server;
    private final String version;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String[]> table = new ArrayList<>();
    private final Path launcher;

    private Benchmark(TimescaleServer server, String version, Path launcher) {
        this.server = server;
        this.version = version;
        this.launcher = launcher;
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("bench.rows", 5_000_000);
        long bigChunkRows = Long.getLong("bench.bigChunkRows", 10_000_000);
        int stageChunks = Integer.getInteger("bench.stageChunks", 10_000);
        Path launcher = findLauncher();
        Providers.Resolution resolution = Providers.resolve();
        DatabaseProvider provider = resolution.provider().orElseThrow(() -> new IllegalStateException(resolution.whyNone()));
        TimescaleServer server = provider.server(DatabaseProvider.Role.SOURCE);
        String version = server.versions().stream()
                .filter(v -> server.capabilities(v).contains(Capability.COMPRESSION))
                .reduce((a, b) -> b).orElse(server.versions().get(server.versions().size() - 1));
        Benchmark bench = new Benchmark(server, version, launcher);
        System.out.printf(Locale.ROOT, "Benchmark on %s, TimescaleDB %s, %d cores, %d rows%n", provider.name(), version,
                Runtime.getRuntime().availableProcessors(), rows);
        List<String> only = List.of(System.getProperty("bench.only", "copy,heap,compressed,stage,start,cross").split(","));
        if (only.contains("copy")) {
            bench.copyThroughput(rows);
        }
        if (only.contains("heap")) {
            bench.bigChunkHeap(bigChunkRows);
        }
        if (only.contains("compressed")) {
            bench.compressed(Math.max(100_000, rows / 5));
        }
        if (only.contains("stage")) {
            bench.stageMany(stageChunks);
        }
        if (only.contains("start")) {
            bench.coldStart();
        }
        if (only.contains("cross")) {
            bench.crossVersion(rows);
        }
        bench.print();
    }

    /** 1, 2 and 5 (verify): copy -p N vs the psql pipe, verify vs the bare aggregate query. */
    private void copyThroughput(long rows) throws Exception {
        TestDatabase source = server.createDatabase(version);
        try {
            source.execute(SCHEMA, String.format(Locale.ROOT, DATA, rows - 1));
            long bytes = source.queryLong("SELECT sum(pg_total_relation_size(c)) FROM show_chunks('bench.readings') c");
            long chunks = source.queryLong("SELECT count(*) FROM show_chunks('bench.readings')");
            figures.put("rows", rows);
            figures.put("chunks", chunks);
            figures.put("source_bytes", bytes);

            // Alternated and best of two: one checkpoint or autovacuum run must not decide the ratio.
            double pipe = Double.MAX_VALUE;
            double p1 = Double.MAX_VALUE;
            for (int round = 0; round < 2; round++) {
                pipe = Math.min(pipe, timed(() -> psqlPipe(source)));
                p1 = Math.min(p1, copyWithLauncher(source, 1, null));
            }
            row("copy -p 1 / psql binary COPY pipe (speed)", pipe / p1, ">= 1.2",
                    String.format(Locale.ROOT, "%.1f s vs %.1f s", p1, pipe));
            for (int p : new int[] {2, 4, 8}) {
                double pn = copyWithLauncher(source, p, null);
                row("copy -p " + p + " / copy -p 1 (speed)", p1 / pn, "informative",
                        String.format(Locale.ROOT, "%.1f s", pn));
            }
            verifyVersusAggregate(source);
        } finally {
            server.drop(source);
        }
    }

    /** 4: the whole copy of one chunk of about 1 GB with a 64 MB heap, and the peak heap seen by the GC log. */
    private void bigChunkHeap(long rows) throws Exception {
        TestDatabase source = server.createDatabase(version);
        try {
            source.execute(SCHEMA, "SELECT set_chunk_time_interval('bench.readings', interval '1 year')",
                    String.format(Locale.ROOT, DATA, rows - 1));
            long chunkBytes = source.queryLong("SELECT max(pg_total_relation_size(c)) FROM show_chunks('bench.readings') c");
            Path gcLog = Files.createTempFile("bench-gc", ".log");
            double seconds = copyWithLauncher(source, 1, "-Xmx64m -Xlog:gc:file=" + gcLog);
            long peak = peakHeapMb(gcLog);
            row("copy of one " + Units.bytes(chunkBytes) + " chunk with -Xmx64m completes", seconds > 0 ? 1 : 0, "1",
                    String.format(Locale.ROOT, "%.1f s, %d rows", seconds, rows));
            row("peak JVM heap during that copy (MB, from the GC log)", peak, "<= 64", "");
        } finally {
            server.drop(source);
        }
    }

    private static long peakHeapMb(Path gcLog) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)M->\\d+M").matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }

    /** Copies once more, then times verify against the same aggregates run bare on each side. */
    private void verifyVersusAggregate(TestDatabase source) {
        TestDatabase target = server.createDatabase(version);
        try {
            target.execute(SCHEMA);
            check(run(source, target, "stage", "--until", "2100-01-01", "-q"));
            check(run(source, target, "copy", "-p", "2", "-q"));
            long start = System.nanoTime();
            check(run(source, target, "verify", "-p", "2", "-q"));
            double verifySeconds = (System.nanoTime() - start) / 1e9;
            // Both sides at once, as verify runs them; here they share one server, so this is the slower side's
            // time under the same load.
            double bare = timed(() -> java.util.concurrent.CompletableFuture.allOf(
                    java.util.concurrent.CompletableFuture.runAsync(() -> source.queryLong(BARE_AGGREGATE)),
                    java.util.concurrent.CompletableFuture.runAsync(() -> target.queryLong(BARE_AGGREGATE))).join());
            row("verify -p 2 / slower side's bare aggregate query", verifySeconds / bare, "<= 1.2",
                    String.format(Locale.ROOT, "%.1f s vs %.1f s", verifySeconds, bare));
        } finally {
            server.drop(target);
        }
    }

    private void compressed(long rows) throws Exception {
        TestDatabase source = server.createDatabase(version);
        try {
            source.execute(SCHEMA, String.format(Locale.ROOT, DATA, rows - 1),
                    "ALTER TABLE bench.readings SET (timescaledb.compress, timescaledb.compress_segmentby = 'sensor', "
                            + "timescaledb.compress_orderby = 'ts')",
                    "SELECT count(compress_chunk(c)) FROM show_chunks('bench.readings') c");
            long onDisk = source.queryLong("SELECT sum(after_compression_total_bytes) FROM "
                    + "chunk_compression_stats('bench.readings')");
            TestDatabase target = server.createDatabase(version);
            try {
                target.execute(SCHEMA, "ALTER TABLE bench.readings SET (timescaledb.compress, "
                        + "timescaledb.compress_segmentby = 'sensor', timescaledb.compress_orderby = 'ts')");
                double seconds = timedCopy(source, target, 1);
                long sent = target.queryLong("SELECT sum(bytes_copied) FROM __backfill.task");
                row("compressed: bytes sent / compressed on-disk size", (double) sent / onDisk, "<= 1.1",
                        Units.bytes(sent) + " vs " + Units.bytes(onDisk) + " in " + String.format(Locale.ROOT, "%.1f s", seconds));
            } finally {
                server.drop(target);
            }
            TestDatabase plain = server.createDatabase(version);
            TestDatabase plainTarget = server.createDatabase(version);
            try {
                plain.execute(SCHEMA, String.format(Locale.ROOT, DATA, rows - 1));
                plainTarget.execute(SCHEMA);
                TestDatabase compressedTarget = server.createDatabase(version);
                try {
                    compressedTarget.execute(SCHEMA, "ALTER TABLE bench.readings SET (timescaledb.compress, "
                            + "timescaledb.compress_segmentby = 'sensor', timescaledb.compress_orderby = 'ts')");
                    double compressedSeconds = timedCopy(source, compressedTarget, 1);
                    double plainSeconds = timedCopy(plain, plainTarget, 1);
                    row("compressed copy time / same rows uncompressed", compressedSeconds / plainSeconds, "< 1",
                            String.format(Locale.ROOT, "%.1f s vs %.1f s", compressedSeconds, plainSeconds));
                } finally {
                    server.drop(compressedTarget);
                }
            } finally {
                server.drop(plain);
                server.drop(plainTarget);
            }
        } finally {
            server.drop(source);
        }
    }

    /** 5 (stage): one small chunk per task, so the figure is the per-chunk cost of stage. */
    private void stageMany(int chunks) throws Exception {
        TestDatabase source = server.createDatabase(version);
        TestDatabase target = server.createDatabase(version);
        try {
            String schema = "CREATE SCHEMA many; CREATE TABLE many.t (at bigint NOT NULL, v int);"
                    + "SELECT create_hypertable('many.t', 'at', chunk_time_interval => 10);";
            source.execute(schema, "INSERT INTO many.t SELECT i * 10, i FROM generate_series(0, " + (chunks - 1) + ") i");
            target.execute(schema);
            long start = System.nanoTime();
            CliRunner.Run stage = run(source, target, "stage", "--until", "100000000", "-q");
            double stageSeconds = (System.nanoTime() - start) / 1e9;
            check(stage);
            row("stage of " + chunks + " chunks (s)", stageSeconds, "<= 10", stage.out().lines()
                    .filter(l -> l.startsWith("Staged")).findFirst().orElse(""));
            // Where the target chunks are created now: per task, so this is the whole per-chunk cost of copy.
            start = System.nanoTime();
            check(run(source, target, "copy", "-p", "2", "-q"));
            double copySeconds = (System.nanoTime() - start) / 1e9;
            row("copy -p 2 of those one-row chunks, creating each (s)", copySeconds, "informative",
                    String.format(Locale.ROOT, "%.1f ms per chunk", copySeconds * 1000 / chunks));
        } finally {
            server.drop(source);
            server.drop(target);
        }
    }

    private void coldStart() throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            Process p = new ProcessBuilder(launcher.toString(), "--help").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long start = System.nanoTime();
            p.waitFor();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        row("cold start of --help (s, best of 3)", best, "<= 0.5", "");
    }

    /**
     * 7: the classic migration's path, a 2.13.1 source on PostgreSQL 15 into the newest target, against the same
     * copy between two databases of the newest version; alternated, best of two.
     */
    private void crossVersion(long rows) {
        String old = server.versions().stream().filter(v -> v.startsWith("2.13.1@")).findFirst().orElse(null);
        if (old == null) {
            System.out.println("  (no TimescaleDB 2.13.1 server here: no cross-version figure)");
            return;
        }
        TestDatabase oldSource = server.createDatabase(old);
        TestDatabase newSource = server.createDatabase(version);
        try {
            for (TestDatabase source : List.of(oldSource, newSource)) {
                source.execute(SCHEMA, String.format(Locale.ROOT, DATA, rows - 1));
            }
            double same = Double.MAX_VALUE;
            double cross = Double.MAX_VALUE;
            for (int round = 0; round < 2; round++) {
                same = Math.min(same, copyIntoNewest(newSource));
                cross = Math.min(cross, copyIntoNewest(oldSource));
            }
            row("copy " + old + " -> " + version + " / " + version + " -> " + version + " (speed)", same / cross,
                    "informative", String.format(Locale.ROOT, "%.1f s vs %.1f s", cross, same));
        } finally {
            server.drop(oldSource);
            server.drop(newSource);
        }
    }

    private double copyIntoNewest(TestDatabase source) {
        TestDatabase target = server.createDatabase(version);
        try {
            target.execute(SCHEMA);
            return timedCopy(source, target, 1);
        } finally {
            server.drop(target);
        }
    }

    private double copyWithLauncher(TestDatabase source, int parallelism, String javaOpts) throws Exception {
        TestDatabase target = server.createDatabase(version);
        try {
            target.execute(SCHEMA);
            check(run(source, target, "stage", "--until", "2100-01-01", "-q"));
            ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "copy", "-p", String.valueOf(parallelism), "-q")
                    .redirectErrorStream(true).redirectOutput(File.createTempFile("bench-copy", ".log"));
            builder.environment().put("SOURCE_DB", source.libpqUrl());
            builder.environment().put("TARGET_DB", target.libpqUrl());
            if (javaOpts != null) {
                builder.environment().put("JAVA_OPTS", javaOpts);
            }
            long start = System.nanoTime();
            int exit = builder.start().waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            return exit == 0 ? seconds : -1;
        } finally {
            server.drop(target);
        }
    }

    private double timedCopy(TestDatabase source, TestDatabase target, int parallelism) {
        check(run(source, target, "stage", "--until", "2100-01-01", "-q"));
        long start = System.nanoTime();
        check(run(source, target, "copy", "-p", String.valueOf(parallelism), "-q"));
        return (System.nanoTime() - start) / 1e9;
    }

    /** The physical limit: psql COPY TO STDOUT piped into psql COPY FROM STDIN, chunk by chunk. */
    private void psqlPipe(TestDatabase source) {
        TestDatabase target = server.createDatabase(version);
        try {
            target.execute(SCHEMA);
            List<List<Object>> chunks = source.query("SELECT c::text FROM show_chunks('bench.readings') c");
            for (List<Object> chunk : chunks) {
                String out = psql(source) + " -c \"COPY (SELECT * FROM " + chunk.get(0) + ") TO STDOUT (FORMAT binary)\"";
                String in = psql(target) + " -c \"COPY bench.readings FROM STDIN (FORMAT binary)\"";
                Process p = new ProcessBuilder("bash", "-o", "pipefail", "-c", out + " | " + in)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("psql pipe failed for " + chunk.get(0));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            server.drop(target);
        }
    }

    private static String psql(TestDatabase db) {
        return "PGPASSWORD='" + db.password() + "' psql -X -q -h " + db.host() + " -p " + db.port() + " -U " + db.user()
                + " -d " + db.database();
    }

    private static CliRunner.Run run(TestDatabase source, TestDatabase target, String... args) {
        return CliRunner.run(Map.of("SOURCE_DB", source.libpqUrl(), "TARGET_DB", target.libpqUrl()), args);
    }

    private static void check(CliRunner.Run run) {
        if (run.exit() != 0) {
            throw new IllegalStateException("exit " + run.exit() + ": " + run.err() + run.out());
        }
    }

    private static double timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private void row(String figure, double value, String target, String detail) {
        table.add(new String[] {figure, String.format(Locale.ROOT, "%.2f", value), target, detail});
        figures.put(figure, Map.of("value", value, "target", target, "detail", detail));
        System.out.printf(Locale.ROOT, "  %-55s %8.2f  (target %s) %s%n", figure, value, target, detail);
    }

    private void print() throws IOException {
        Table out = new Table("figure", "value", "target", "detail");
        table.forEach(r -> out.row((Object[]) r));
        System.out.println();
        System.out.println(out);
        Path json = Path.of("target", "benchmark.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, Json.write(figures));
        System.out.println("\nJSON: " + json.toAbsolutePath());
    }

    private static Path findLauncher() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(LAUNCHER);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
            candidate = dir.resolve("target/timescaledb-backfill/bin/timescaledb-backfill");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("package the CLI first (mvn package): " + LAUNCHER + " not found");
    }

    /** What verify computes per chunk, as one plain query over all chunks (every aggregate used, none pruned). */
    private static final String BARE_AGGREGATE = """
            SELECT length(string_agg(CAST(x AS text), '')) FROM (
              SELECT count(*), count(ts), min(ts), max(ts), count(sensor), min(sensor), max(sensor), sum(sensor),
                     count(value), min(value), max(value), sum(value), count(status), min(status), max(status),
                     sum(status), count(note), min(note COLLATE "C"), max(note COLLATE "C")
              FROM bench.readings GROUP BY tableoid) x
            """;

    private static final String SCHEMA = """
            CREATE SCHEMA bench;
            CREATE TABLE bench.readings (ts timestamptz NOT NULL, sensor int NOT NULL, value double precision,
                                         status smallint, note text);
            SELECT create_hypertable('bench.readings', 'ts', chunk_time_interval => interval '1 day');
            """;

    /** %d: the last row number. About 100 bytes per row; 12 chunks whatever the row count. */
    private static final String DATA = """
            INSERT INTO bench.readings
            SELECT timestamptz '2024-01-01' + i * (interval '12 days' / (%1$d + 1)), i %% 1000, i / 7.0, (i %% 5)::smallint,
                   'reading ' || i || ' of sensor ' || (i %% 1000)
            FROM generate_series(0, %1$d) i;
            """;
}
