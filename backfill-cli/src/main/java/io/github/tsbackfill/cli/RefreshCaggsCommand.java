package io.github.tsbackfill.cli;

import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.RefreshRequest;
import io.github.tsbackfill.RefreshResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "refresh-caggs", mixinStandardHelpOptions = true,
        description = {
            "Refreshes, on the target, the continuous aggregates built on the copied hypertables (and the caggs built on those), over exactly the time ranges copy wrote, widened to whole buckets, lower aggregates first. Copy keeps its writes out of the target's invalidation tracking, so run this once the copy is complete. Refuses while the target has refresh or retention policies enabled on the objects involved: pause them during the backfill, or pass --force."},
        footer = {"", "Examples:",
            "  timescaledb-backfill refresh-caggs --target $TARGET_DB",
            "  timescaledb-backfill refresh-caggs --target $TARGET_DB --filter '^public\\.metrics_daily$'",
            "", ExitCode.HELP})
final class RefreshCaggsCommand extends BaseCommand {

    @Mixin
    TargetOption targetOption;

    @Option(names = "--filter", paramLabel = "REGEX",
            description = "Case-insensitive PostgreSQL regular expression on schema.view of the continuous "
                    + "aggregates to refresh (default: all those over copied data).")
    String filter;

    @Option(names = "--force", description = "Refresh even where refresh or retention policies are enabled.")
    boolean force;

    @Override
    Integer execute() {
        try (Backfill backfill = open(null, target(targetOption), 1, progress())) {
            RefreshResult result = backfill.refreshCaggs(new RefreshRequest(filter, force));
            print(result, render(result));
            return ExitCode.OK;
        }
    }

    private static String render(RefreshResult result) {
        if (result.refreshed().isEmpty()) {
            return "Nothing to refresh: no continuous aggregate reads the copied data.";
        }
        Table table = new Table("continuous aggregate", "from", "until", "seconds");
        for (RefreshResult.Refreshed r : result.refreshed()) {
            table.row(r.cagg(), r.from(), r.until(), String.format(java.util.Locale.ROOT, "%.1f",
                    r.duration().toMillis() / 1000.0));
        }
        return table + "\nRefreshed " + result.refreshed().size() + " window(s).";
    }
}
