package io.github.tsbackfill.cli;

import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.InvalidConfigurationException;
import io.github.tsbackfill.ControlSettings;
import io.github.tsbackfill.StatusResult;
import io.github.tsbackfill.WorkerStatus;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the progress of the staged work per hypertable: chunks copied, verified and failed, the "
                + "data left (stage-time estimates, as stored on the source) and the time left at the pace copy "
                + "has kept so far; the queue's control (see 'control') and how many workers are live.",
        footer = {"", "Examples:", "  timescaledb-backfill status --target $TARGET_DB",
            "  timescaledb-backfill status --target $TARGET_DB --watch 10   # every 10 s until Ctrl-C",
            "  timescaledb-backfill status --target $TARGET_DB --workers    # who copies what, on every host", "",
            ExitCode.HELP})
final class StatusCommand extends BaseCommand {

    @Mixin
    TargetOption targetOption;

    @Option(names = "--watch", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "5",
            description = "Show the status again every SECONDS (default 5) until Ctrl-C.")
    Integer watch;

    @Option(names = "--workers", description = "List the live workers of every copy and verify process on this "
            + "target, on any host: the chunk each holds, what it has sent, its rate, and STALLED where a copy has "
            + "sent nothing for --stalled-after.")
    boolean workers;

    @Option(names = "--stalled-after", paramLabel = "SECONDS", defaultValue = "300",
            description = "A copy worker whose chunk has sent nothing for this long is flagged STALLED (default: "
                    + "${DEFAULT-VALUE}): a hung route or a stuck lock.")
    long stalledAfter;

    @Override
    Integer execute() throws Exception {
        try (Backfill backfill = open(null, target(targetOption), 1, progress())) {
            if (watch == null) {
                show(backfill);
                return ExitCode.OK;
            }
            if (watch < 1) {
                throw new InvalidConfigurationException("--watch", "at least 1 second, got " + watch);
            }
            CountDownLatch stopped = new CountDownLatch(1);
            try (AutoCloseable interrupts = context().interrupts().onInterrupt(stopped::countDown, stopped::countDown)) {
                do {
                    show(backfill);
                } while (!stopped.await(watch, TimeUnit.SECONDS));
            }
            return ExitCode.OK;
        }
    }

    private void show(Backfill backfill) {
        StatusResult result = backfill.status();
        Table table = new Table("hypertable", "chunks", "copied", "verified", "failed", "mismatched", "skipped",
                "rows", "replaced", "sent", "left (est.)");
        for (StatusResult.HypertableStatus h : result.hypertables()) {
            table.row(h.hypertable(), h.chunks(), h.copied(), h.verified(), h.failed(), h.mismatched(), h.skipped(),
                    Units.count(h.rowsCopied()), Units.count(h.rowsReplaced()), Units.bytes(h.bytesCopied()),
                    Units.bytes(h.estimatedBytesLeft()));
        }
        StringBuilder text = new StringBuilder().append(table).append('\n').append(summary(result));
        ControlSettings control = result.control();
        if (control.paused() || control.parallelism() != null || control.maxRate() != null) {
            text.append("\nControl: ").append(ControlCommand.describe(control));
        }
        text.append(ControlCommand.pausedNote(result.pausedPolicies()));
        long processes = result.workers().stream().map(WorkerStatus::process).distinct().count();
        if (processes > 0) {
            text.append("\n").append(result.workers().size()).append(" worker(s) live in ").append(processes)
                    .append(" process(es).");
        }
        if (workers) {
            text.append("\n").append(workerTable(result));
        }
        print(result, text.toString());
        context().out().flush();
    }

    private String workerTable(StatusResult result) {
        Table table = new Table("worker", "chunk", "since", "sent", "rate", "idle", "flag");
        Duration threshold = Duration.ofSeconds(stalledAfter);
        for (WorkerStatus w : result.workers()) {
            table.row(w.worker(), w.chunk() == null ? "-" : w.chunk(),
                    w.taskStarted() == null ? "-" : w.taskStarted().toLocalTime().withNano(0),
                    Units.bytes(w.bytes()), Units.bytes(w.bytesPerSecond()) + "/s",
                    w.chunk() == null ? "-" : Units.duration(w.sinceProgress()), w.stalled(threshold) ? "STALLED" : "");
        }
        return table.toString();
    }

    /** "412 of 9310 chunk(s) copied, 38 GB of 1.2 TB (est.) left, 2 h 10 min left at 160 MB/s." */
    private static String summary(StatusResult result) {
        String text = result.copied() + " of " + result.chunks() + " chunk(s) copied, "
                + Units.bytes(result.estimatedBytesLeft()) + " of " + Units.bytes(result.estimatedBytes())
                + " (est.) left";
        if (result.eta() == null) {
            return text + ".";
        }
        return text + ", " + Units.duration(result.eta()) + " left at " + Units.bytes(result.bytesPerSecond()) + "/s.";
    }
}
