package io.github.tsbackfill.cli;

import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.InvalidConfigurationException;
import io.github.tsbackfill.StatusResult;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the progress of the staged work per hypertable: chunks copied, verified and failed, the "
                + "data left (stage-time estimates, as stored on the source) and the time left at the pace copy "
                + "has kept so far.",
        footer = {"", "Examples:", "  timescaledb-backfill status --target $TARGET_DB",
            "  timescaledb-backfill status --target $TARGET_DB --watch 10   # every 10 s until Ctrl-C", "",
            ExitCode.HELP})
final class StatusCommand extends BaseCommand {

    @Mixin
    TargetOption targetOption;

    @Option(names = "--watch", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "5",
            description = "Show the status again every SECONDS (default 5) until Ctrl-C.")
    Integer watch;

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
        print(result, table + "\n" + summary(result));
        context().out().flush();
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
