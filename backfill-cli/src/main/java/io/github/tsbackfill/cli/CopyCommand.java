package io.github.tsbackfill.cli;

import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.CopyRequest;
import io.github.tsbackfill.CopyResult;
import io.github.tsbackfill.InvalidConfigurationException;
import io.github.tsbackfill.Recopy;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {
            "Copies the staged chunks: each worker claims a task, copies its chunk in one target transaction (compressed chunks as compressed data) and marks it done. Run it again to copy what is left; several copy processes may share one task queue.",
            "",
            "Ctrl-C (or SIGTERM) once: finish the chunks in progress, then exit. Twice: stop now; chunks in progress roll back and stay pending."},
        footer = {"", "Examples:", "  timescaledb-backfill copy --source $SOURCE_DB --target $TARGET_DB -p 8",
            "  timescaledb-backfill copy --source $SOURCE_DB --target $TARGET_DB --recopy mismatched   # after verify",
            "",
            ExitCode.HELP})
final class CopyCommand extends BaseCommand {

    private static final int DEFAULT_MAX_PARALLELISM = 8;

    @Mixin
    SourceOption sourceOption;

    @Mixin
    TargetOption targetOption;

    @Mixin
    MetricsOption metricsOption;

    @Option(names = {"-p", "--parallelism"}, defaultValue = "8", paramLabel = "N|auto",
            converter = WorkersConverter.class,
            description = "Chunks copied at once (default: ${DEFAULT-VALUE}). auto: start with one worker and add one "
                    + "while each brings at least 10% more throughput, back off when the servers slow down; the count "
                    + "chosen is logged and reported.")
    int parallelism;

    @Option(names = "--max-parallelism", paramLabel = "N",
            description = "With -p auto: workers at most (default: " + DEFAULT_MAX_PARALLELISM + ").")
    Integer maxParallelism;

    @Option(names = "--recopy", paramLabel = "WHICH", converter = RecopyConverter.class,
            description = "Copy finished chunks again before what is pending: mismatched (those verify found "
                    + "different), failed (those with a copy error, or skipped because the source chunk was gone), or "
                    + "all. They are verified again after their new copy.")
    Recopy recopy = Recopy.NONE;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "" + CopyRequest.DEFAULT_RETRIES,
            description = "Times a chunk is tried again in this run after a transient failure (connection lost or "
                    + "reset, server restarting, too many connections, deadlock, serialization failure, lock "
                    + "timeout, failover to read-only), waiting 1 s, 2 s, 4 s... up to 30 s between attempts "
                    + "(default: ${DEFAULT-VALUE}; 0: fail at once). Other errors fail the chunk at once.")
    int retries;

    @Option(names = "--freeze",
            description = "Write whole chunks' rows already frozen (TRUNCATE, then COPY FREEZE), sparing the target the "
                    + "vacuum that would later rewrite every copied page to freeze it: hours of I/O on terabytes. Each "
                    + "chunk is locked exclusively while it is copied, so queries reading it on the target wait. "
                    + "Targets before TimescaleDB 2.23 only (later ones ignore FREEZE in a COPY into a chunk); chunks "
                    + "copied in part, compressed on the target, or under continuous aggregates are copied as usual.")
    boolean freeze;

    @Option(names = "--max-rate", paramLabel = "RATE", converter = RateConverter.class, defaultValue = "0",
            description = "Bytes per second this process sends at most, all workers together, e.g. 50MB/s or "
                    + "800KiB/s (k, M, G: powers of 1000; Ki, Mi, Gi: of 1024); 0: no limit (default). 'control "
                    + "--max-rate' caps all processes together, while they run.")
    long maxRate;

    @Option(names = "--pause-policies",
            description = "First unschedule the target's policy jobs (retention, compression, reorder, continuous "
                    + "aggregate refresh) on the staged hypertables and the aggregates over them, which would drop, "
                    + "compress or materialize chunks while they are copied. They are recorded in __backfill and stay "
                    + "paused, even if this process dies, until refresh-caggs (once everything is copied), clean or "
                    + "control --resume-policies schedules them again.")
    boolean pausePolicies;

    @Override
    Integer execute() throws Exception {
        CopyRequest request = request();
        ProgressReporter progress = progress();
        try (Metrics metrics = Metrics.serve(metricsOption.port);
             Backfill backfill = open(source(sourceOption), target(targetOption), request.parallelism(),
                     Metrics.feeding(progress, metrics));
             AutoCloseable interrupts = context().interrupts().onInterrupt(backfill::requestStop, backfill::forceStop)) {
            CopyResult result = backfill.copy(request);
            progress.finish();
            print(result, render(result));
            if (result.stopped()) {
                return ExitCode.INTERRUPTED;
            }
            return result.failures().isEmpty() ? ExitCode.OK : ExitCode.PARTIAL;
        }
    }

    private CopyRequest request() {
        boolean auto = parallelism == WorkersConverter.AUTO;
        if (!auto && maxParallelism != null) {
            throw new InvalidConfigurationException("--max-parallelism", "applies to -p auto only; -p was " + parallelism);
        }
        int workers = !auto ? parallelism : maxParallelism == null ? DEFAULT_MAX_PARALLELISM : maxParallelism;
        return new CopyRequest(workers, recopy, retries, freeze, maxRate, auto, pausePolicies);
    }

    private static String render(CopyResult result) {
        Table table = new Table("hypertable", "chunks", "compressed", "rows", "sent");
        for (CopyResult.HypertableCopy h : result.hypertables()) {
            table.row(h.hypertable(), h.chunks(), h.compressedChunks(), Units.count(h.rows()), Units.bytes(h.bytes()));
        }
        StringBuilder text = new StringBuilder();
        if (!result.hypertables().isEmpty()) {
            text.append(table).append('\n');
        }
        double seconds = Math.max(0.001, result.duration().toMillis() / 1000.0);
        text.append("Copied ").append(result.chunks()).append(" chunk(s), ").append(Units.count(result.rows()))
                .append(" rows, ").append(Units.bytes(result.bytes())).append(" in ")
                .append(Units.duration(result.duration())).append(" (").append(Units.bytes(result.bytes() / seconds))
                .append("/s).");
        CopyResult.Parallelism workers = result.parallelism();
        if (workers.auto()) {
            text.append("\n-p auto ").append(workers.settled() ? "settled on " : "ended with ").append(workers.workers())
                    .append(" worker(s); measured (workers: sent per second): ").append(workers.measured().stream()
                            .map(s -> s.workers() + ": " + Units.bytes(s.bytesPerSecond()) + "/s")
                            .collect(Collectors.joining(", "))).append('.');
        }
        text.append(ControlCommand.pausedNote(result.pausedPolicies()));
        if (result.replacedRows() > 0) {
            text.append("\nReplaced ").append(Units.count(result.replacedRows()))
                    .append(" row(s) already on the target in the copied ranges.");
        }
        for (CopyResult.Skipped s : result.skipped()) {
            text.append("\nWARNING skipped ").append(s.chunk()).append(": ").append(s.reason());
        }
        for (CopyResult.Failure f : result.failures()) {
            text.append("\nFAILED ").append(f.chunk() == null ? "" : f.chunk() + ": ").append(f.message());
        }
        if (result.stopped()) {
            text.append("\nStopped: ").append(result.pending()).append(" chunk(s) pending; run copy again to continue.");
        } else if (!result.failures().isEmpty()) {
            text.append("\n").append(result.pending()).append(" chunk(s) pending; fix the cause and run copy again.");
        } else if (result.pending() > 0) {
            text.append("\n").append(result.pending()).append(" chunk(s) still pending, held by other copy processes "
                    + "or staged meanwhile; status shows the queue.");
        }
        if (!result.caggsToRefresh().isEmpty()) {
            text.append("\nContinuous aggregates over the copied data: ").append(String.join(", ", result.caggsToRefresh()))
                    .append(". Once the copy is complete, run refresh-caggs.");
        }
        return text.toString();
    }
}
