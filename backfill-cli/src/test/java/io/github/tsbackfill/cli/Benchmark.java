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
 * copy -p 1 vs raw psql binary COPY pipes (chunk by chunk, into the target's chunks and into the hypertable),
 * scaling with -p, compressed bytes sent vs a binary COPY of the compressed relations, compressed vs uncompressed
 * copy time, copy with a 64 MB heap, copy --freeze and the vacuum it spares, stage of many chunks, verify vs the
 * bare aggregate query, cold start of --help, and the cost of the cross-version path (a TimescaleDB 2.13.1 source
 * on PostgreSQL 15 into the newest target), and -p auto against fixed -p 1, 2, 4 and 8 on the same data.
 * Sizes: -Dbench.rows (default 5,000,000), -Dbench.bigChunkRows (rows in the one-chunk heap test, default
 * 10,000,000, about 1.1 GB), -Dbench.stageChunks (default 10,000);
 * -Dbench.only=copy,heap,compressed,freeze,stage,start,cross,auto
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
        List<String> only = List.of(System.getProperty("bench.only",
                "copy,heap,compressed,freeze,stage,start,cross,auto").split(","));
        if (only.contains("copy")) {
            bench.copyThroughput(rows);
        }
        if (only.contains("heap")) {
            bench.bigChunkHeap(bigChunkRows);
        }
        if (only.contains("compressed")) {
            bench.compressed(rows);
        }
        if (only.contains("freeze")) {
            bench.freeze(rows);
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
        if (only.contains("auto")) {
            bench.autoParallelism(rows);
        }
        bench.print();
    }

    /**
     * 1, 2 and 5 (verify): copy -p 1 against two psql pipes, chunk by chunk: into the target's chunks (what copy
     * itself does: the physical limit) and into the hypertable; then -p N, and verify vs the bare aggregate query.
     */
    private void copyThroughput(long rows) throws Exception {
        TestDatabase source = server.createDatabase(version);
        try {
            source.execute(SCHEMA, String.format(Locale.ROOT, DATA, rows - 1));
            long bytes = source.queryLong("SELECT sum(pg_total_relation_size(c)) FROM show_chunks('bench.readings') c");
            long chunks = source.queryLong("SELECT count(*) FROM show_chunks('bench.readings')");
            figures.put("rows", rows);
            figures.put("chunks", chunks);
            figures.put("source_bytes", bytes);

            // Alternated, best of three: one checkpoint or autovacuum run must not decide a ratio.
            double hypertablePipe = Double.MAX_VALUE;
            double chunkPipe = Double.MAX_VALUE;
            Timing p1 = new Timing(Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, 0, null);
            for (int round = 0; round < 3; round++) {
                hypertablePipe = Math.min(hypertablePipe, psqlPipe(source, false));
                chunkPipe = Math.min(chunkPipe, psqlPipe(source, true));
                p1 = p1.best(copyWithLauncher(source, "1", null));
            }
            row("copy -p 1 / psql pipe into the target's chunks (speed)", chunkPipe / p1.inside(), ">= 1.0",
                    String.format(Locale.ROOT, "%.1f s vs %.1f s, copy timed by itself", p1.inside(), chunkPipe));
            row("copy -p 1 / psql pipe into the hypertable (speed)", hypertablePipe / p1.inside(), ">= 1.15",
                    String.format(Locale.ROOT, "%.1f s vs %.1f s", p1.inside(), hypertablePipe));
            row("copy -p 1 / chunk pipe, whole process with JVM start", chunkPipe / p1.wall(), "informative",
                    String.format(Locale.ROOT, "%.1f s vs %.1f s", p1.wall(), chunkPipe));
            double pipeSteady = chunkPipe * p1.steadyChunks() / chunks;
            row("copy -p 1 / chunk pipe, chunks after the first", pipeSteady / p1.steady(), "informative",
                    String.format(Locale.ROOT, "%.1f s vs %.1f s for %d equal chunks", p1.steady(), pipeSteady,
                            p1.steadyChunks()));
            for (int p : new int[] {2, 4, 8}) {
                double pn = copyWithLauncher(source, String.valueOf(p), null).inside();
                row("copy -p " + p + " / copy -p 1 (speed)", p1.inside() / pn, "informative",
                        String.format(Locale.ROOT, "%.1f s", pn));
            }
            verifyVersusAggregate(source);
        } finally {
            server.drop(source);
        }
    }

    /**
     * -p auto against fixed counts, on twice the copy data (auto needs a few 6-second windows to climb): the time
     * of each by its own clock, where auto settled, and what it measured.
     */
    private void autoParallelism(long rows) throws Exception {
        TestDatabase source = server.createDatabase(version);
        try {
            source.execute(SCHEMA, String.format(Locale.ROOT, DATA, 2 * rows - 1));
            double best = Double.MAX_VALUE;
            int bestWorkers = 0;
            for (int p : new int[] {1, 2, 4, 8}) {
                double seconds = copyWithLauncher(source, String.valueOf(p), null).inside();
                row("copy -p " + p + " (" + 2 * rows / 1_000_000 + " M rows)", seconds, "informative", "seconds");
                if (seconds < best) {
                    best = seconds;
                    bestWorkers = p;
                }
            }
            Timing auto = copyWithLauncher(source, "auto", null);
            com.fasterxml.jackson.databind.JsonNode chosen = auto.parallelism();
            StringBuilder measured = new StringBuilder();
            chosen.get("measured").forEach(step -> measured.append(measured.isEmpty() ? "" : ", ")
                    .append(step.get("workers").asInt()).append(": ")
                    .append(Units.bytes(step.get("bytesPerSecond").asLong())).append("/s"));
            row("copy -p auto / best fixed -p (speed)", best / auto.inside(), "informative", String.format(Locale.ROOT,
                    "%.1f s vs %.1f s with -p %d; %s on %d worker(s); measured %s", auto.inside(), best, bestWorkers,
                    chosen.get("settled").asBoolean() ? "settled" : "ended", chosen.get("workers").asInt(), measured));
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
            double seconds = copyWithLauncher(source, "1", "-Xmx64m -Xlog:gc:file=" + gcLog).wall();
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

    /**
     * 3: compressed chunks travel as their compressed relations' rows. Bytes sent against a binary COPY of those
     * relations (the protocol sends values detoasted, so that is the floor, not the on-disk size) and against the
     * same rows uncompressed; copy time against the same rows uncompressed, each copy timed by itself.
     */
    private void compressed(long rows) throws Exception {
        TestDatabase compressedSource = server.createDatabase(version);
        TestDatabase plainSource = server.createDatabase(version);
        try {
            compressedSource.execute(SCHEMA, String.format(Locale.ROOT, DATA, rows - 1), COMPRESS,
                    "SELECT count(compress_chunk(c)) FROM show_chunks('bench.readings') c");
            plainSource.execute(SCHEMA, String.format(Locale.ROOT, DATA, rows - 1));
            long floor = 0;
            boolean tracked = io.github.tsbackfill.internal.CatalogLayout.of(version.split("@")[0]).compressedChunkTracked();
            for (List<Object> relation : compressedSource.query(tracked ? COMPRESSED_CHUNKS : COMPRESSED_RELIDS)) {
                floor += binaryCopyBytes(compressedSource, (String) relation.get(0));
            }
            double compressedSeconds = Double.MAX_VALUE;
            double plainSeconds = Double.MAX_VALUE;
            long compressedSent = 0;
            long plainSent = 0;
            for (int round = 0; round < 2; round++) {
                TestDatabase target = server.createDatabase(version);
                try {
                    target.execute(SCHEMA, COMPRESS);
                    compressedSeconds = Math.min(compressedSeconds, copyWithLauncher(compressedSource, target, "1", null).inside());
                    compressedSent = target.queryLong("SELECT sum(bytes_copied) FROM __backfill.task");
                } finally {
                    server.drop(target);
                }
                target = server.createDatabase(version);
                try {
                    target.execute(SCHEMA);
                    plainSeconds = Math.min(plainSeconds, copyWithLauncher(plainSource, target, "1", null).inside());
                    plainSent = target.queryLong("SELECT sum(bytes_copied) FROM __backfill.task");
                } finally {
                    server.drop(target);
                }
            }
            row("compressed: bytes sent / binary COPY of the compressed relations", (double) compressedSent / floor,
                    "<= 1.02", Units.bytes(compressedSent) + " vs " + Units.bytes(floor));
            row("compressed: bytes sent / same rows uncompressed", (double) compressedSent / plainSent, "informative",
                    Units.bytes(compressedSent) + " vs " + Units.bytes(plainSent));
            row("compressed copy time / same rows uncompressed", compressedSeconds / plainSeconds, "<= 0.3",
                    String.format(Locale.ROOT, "%.1f s vs %.1f s, each timed by itself", compressedSeconds, plainSeconds));
        } finally {
            server.drop(compressedSource);
            server.drop(plainSource);
        }
    }

    /** The size of what {@code COPY (SELECT * FROM relation) TO STDOUT (FORMAT binary)} streams. */
    private static long binaryCopyBytes(TestDatabase db, String relation) throws IOException, InterruptedException {
        String out = psql(db) + " -c \"COPY (SELECT * FROM " + relation + ") TO STDOUT (FORMAT binary)\" | wc -c";
        Process p = new ProcessBuilder("bash", "-o", "pipefail", "-c", out).redirectErrorStream(true).start();
        String count = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("COPY of " + relation + " failed: " + count);
        }
        return Long.parseLong(count);
    }

    /**
     * 8: copy --freeze against copy, and what each leaves for the vacuum that must freeze the copied rows one day
     * (VACUUM (FREEZE) timed right after). On the newest version with compression that still honours FREEZE.
     */
    private void freeze(long rows) throws Exception {
        String freezing = server.versions().stream()
                .filter(v -> server.capabilities(v).contains(Capability.COMPRESSION))
                .filter(v -> io.github.tsbackfill.internal.CatalogLayout.of(v.split("@")[0]).chunkCopyCanFreeze())
                .reduce((a, b) -> b).orElse(null);
        if (freezing == null) {
            System.out.println("  (no TimescaleDB here writes COPY FREEZE into chunks: no freeze figure)");
            return;
        }
        TestDatabase source = server.createDatabase(freezing);
        try {
            source.execute(SCHEMA, String.format(Locale.ROOT, DATA, rows - 1));
            double[] copy = {Double.MAX_VALUE, Double.MAX_VALUE};
            double[] vacuum = {Double.MAX_VALUE, Double.MAX_VALUE};
            for (int round = 0; round < 2; round++) {
                for (int frozen = 0; frozen < 2; frozen++) {
                    TestDatabase target = server.createDatabase(freezing);
                    try {
                        target.execute(SCHEMA);
                        String opts = frozen == 1 ? "--freeze" : null;
                        copy[frozen] = Math.min(copy[frozen], copyWithLauncher(source, target, "1", null, opts).inside());
                        vacuum[frozen] = Math.min(vacuum[frozen], timed(() -> target.execute("VACUUM (FREEZE) bench.readings")));
                    } finally {
                        server.drop(target);
                    }
                }
            }
            row("copy --freeze / copy (speed, " + freezing + ")", copy[0] / copy[1], "informative",
                    String.format(Locale.ROOT, "%.1f s vs %.1f s", copy[1], copy[0]));
            row("VACUUM (FREEZE) after copy --freeze / after copy (time)", vacuum[1] / vacuum[0], "informative",
                    String.format(Locale.ROOT, "%.2f s vs %.2f s", vacuum[1], vacuum[0]));
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

    /**
     * A copy's time: the launcher's whole process, the copy's own clock (its JSON result's duration), and the
     * chunks' own copy times after the first chunk (from the task rows: the worker at speed, past the process's
     * start and the JVM's warm-up), with how many chunks that is.
     */
    private record Timing(double wall, double inside, double steady, long steadyChunks,
                          com.fasterxml.jackson.databind.JsonNode parallelism) {
        Timing best(Timing other) {
            return new Timing(Math.min(wall, other.wall), Math.min(inside, other.inside),
                    Math.min(steady, other.steady), other.steadyChunks, other.parallelism);
        }
    }

    private Timing copyWithLauncher(TestDatabase source, String parallelism, String javaOpts) throws Exception {
        TestDatabase target = server.createDatabase(version);
        try {
            target.execute(SCHEMA);
            return copyWithLauncher(source, target, parallelism, javaOpts);
        } finally {
            server.drop(target);
        }
    }

    private Timing copyWithLauncher(TestDatabase source, TestDatabase target, String parallelism, String javaOpts,
                                    String... options) throws Exception {
        check(run(source, target, "stage", "--until", "2100-01-01", "-q"));
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "copy", "-p", parallelism,
                "-q", "--output", "json"));
        for (String option : options) {
            if (option != null) {
                command.add(option);
            }
        }
        File out = File.createTempFile("bench-copy", ".json");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out)
                .redirectError(File.createTempFile("bench-copy", ".log"));
        builder.environment().put("SOURCE_DB", source.libpqUrl());
        builder.environment().put("TARGET_DB", target.libpqUrl());
        if (javaOpts != null) {
            builder.environment().put("JAVA_OPTS", javaOpts);
        }
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("copy exited " + exit + ": " + Files.readString(out.toPath()));
        }
        com.fasterxml.jackson.databind.JsonNode result = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        List<Object> steady = target.query(STEADY).get(0);
        return new Timing(wall, result.get("duration").asDouble(), ((Number) steady.get(0)).doubleValue(),
                ((Number) steady.get(1)).longValue(), result.get("parallelism"));
    }

    private double timedCopy(TestDatabase source, TestDatabase target, int parallelism) {
        check(run(source, target, "stage", "--until", "2100-01-01", "-q"));
        long start = System.nanoTime();
        check(run(source, target, "copy", "-p", String.valueOf(parallelism), "-q"));
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * psql COPY TO STDOUT piped into psql COPY FROM STDIN, chunk by chunk, into the hypertable or straight into the
     * target's chunks (made beforehand, one row each and then emptied, outside the time); the seconds the pipes took.
     */
    private double psqlPipe(TestDatabase source, boolean intoChunks) {
        TestDatabase target = server.createDatabase(version);
        try {
            target.execute(SCHEMA);
            List<List<Object>> chunks = source.query(CHUNK_STARTS);
            List<String> into = new ArrayList<>();
            for (List<Object> chunk : chunks) {
                into.add(intoChunks ? target.queryString("INSERT INTO bench.readings (ts, sensor) VALUES ('"
                        + chunk.get(1) + "', 0) RETURNING tableoid::regclass::text") : "bench.readings");
            }
            target.execute("DELETE FROM bench.readings", "VACUUM bench.readings");
            long start = System.nanoTime();
            for (int i = 0; i < chunks.size(); i++) {
                String out = psql(source) + " -c \"COPY (SELECT * FROM " + chunks.get(i).get(0) + ") TO STDOUT (FORMAT binary)\"";
                String in = psql(target) + " -c \"COPY " + into.get(i) + " FROM STDIN (FORMAT binary)\"";
                Process p = new ProcessBuilder("bash", "-o", "pipefail", "-c", out + " | " + in)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("psql pipe failed for " + chunks.get(i).get(0));
                }
            }
            return (System.nanoTime() - start) / 1e9;
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

    private static final String COMPRESS = "ALTER TABLE bench.readings SET (timescaledb.compress, "
            + "timescaledb.compress_segmentby = 'sensor', timescaledb.compress_orderby = 'ts')";

    /** The compressed relations of bench.readings' chunks: where the catalog links them (before 2.29), and after. */
    private static final String COMPRESSED_CHUNKS = """
            SELECT format('%I.%I', z.schema_name, z.table_name) FROM _timescaledb_catalog.chunk c
            JOIN _timescaledb_catalog.chunk z ON z.id = c.compressed_chunk_id
            WHERE format('%I.%I', c.schema_name, c.table_name)::regclass IN (SELECT show_chunks('bench.readings'))
            """;
    private static final String COMPRESSED_RELIDS = """
            SELECT s.compress_relid::regclass::text FROM _timescaledb_catalog.compression_settings s
            WHERE s.compress_relid IS NOT NULL AND s.relid IN (SELECT show_chunks('bench.readings'))
            """;

    /** Seconds the copies of all chunks but the first took, from the task rows, and how many they are. */
    private static final String STEADY = """
            SELECT coalesce(sum(extract(epoch FROM upper(worked) - lower(worked))), 0), count(*) FROM __backfill.task
            WHERE lower(worked) > (SELECT min(lower(worked)) FROM __backfill.task)
            """;

    private static final String CHUNK_STARTS = """
            SELECT format('%I.%I', chunk_schema, chunk_name), range_start::text FROM timescaledb_information.chunks
            WHERE hypertable_schema = 'bench' AND hypertable_name = 'readings' ORDER BY range_start
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
