package io.github.tsbackfill.cli;

import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.StatusResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the progress of the staged work per hypertable: chunks copied, verified and failed.",
        footer = {"", "Example:", "  timescaledb-backfill status --target $TARGET_DB", "", ExitCode.HELP})
final class StatusCommand extends BaseCommand {

    @Mixin
    TargetOption targetOption;

    @Override
    Integer execute() {
        try (Backfill backfill = open(null, target(targetOption), 1, progress())) {
            StatusResult result = backfill.status();
            Table table = new Table("hypertable", "chunks", "copied", "verified", "failed", "mismatched", "rows", "sent");
            for (StatusResult.HypertableStatus h : result.hypertables()) {
                table.row(h.hypertable(), h.chunks(), h.copied(), h.verified(), h.failed(), h.mismatched(),
                        Units.count(h.rowsCopied()), Units.bytes(h.bytesCopied()));
            }
            print(result, table + "\n" + result.copied() + " of " + result.chunks() + " chunk(s) copied.");
            return ExitCode.OK;
        }
    }
}
