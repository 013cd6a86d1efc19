package io.github.tsbackfill.cli;

import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.RefreshRequest;
import io.github.tsbackfill.RefreshResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "refresh-caggs", mixinStandardHelpOptions = true,
        description = {
            "Refreshes, on the target, the continuous aggregates built on the copied hypertables (and the caggs built on those), over exactly the buckets holding copied data, lower aggregates first. Buckets whose materialized rows were copied from the source (stage --cascade-up/--cascade-down) keep the source's rows. Copy keeps its writes out of the target's invalidation tracking, so run this once the copy is complete.",
            "With --source, also refreshes each aggregate from its watermark on the target up to its watermark on the source, as the original timescaledb-backfill does (this works without a staged backfill too).",
            "Refuses while the target has refresh or retention policies enabled on the objects involved: pause them during the backfill, or pass --force."},
        footer = {"", "Examples:",
            "  timescaledb-backfill refresh-caggs --target $TARGET_DB",
            "  timescaledb-backfill refresh-caggs --target $TARGET_DB --filter '^public\\.metrics_daily$' --cascade-up",
            "  timescaledb-backfill refresh-caggs --source $SOURCE_DB --target $TARGET_DB   # also up to the source's watermarks",
            "", ExitCode.HELP})
final class RefreshCaggsCommand extends BaseCommand {

    @Option(names = "--source", paramLabel = "URL",
            description = "Also refresh up to the source's watermarks (postgres:// or JDBC URL). Not read from "
                    + "$SOURCE_DB: only given explicitly.")
    String source;

    @Mixin
    TargetOption targetOption;

    @Option(names = {"-f", "--filter"}, paramLabel = "REGEX",
            description = "Case-insensitive PostgreSQL regular expression on schema.view of the continuous "
                    + "aggregates to refresh (default: all).")
    String filter;

    @Option(names = {"-U", "--cascade-up"}, description = "Also refresh the aggregates built on those --filter matches.")
    boolean cascadeUp;

    @Option(names = {"-D", "--cascade-down"},
            description = "Also refresh the aggregates those --filter matches are built on.")
    boolean cascadeDown;

    @Option(names = "--force", description = "Refresh even where refresh or retention policies are enabled.")
    boolean force;

    @Override
    Integer execute() {
        ConnectionUrl sourceUrl = source == null ? null : ConnectionUrl.parse("--source", source, context().env());
        try (Backfill backfill = open(sourceUrl, target(targetOption), 1, progress())) {
            RefreshResult result = backfill.refreshCaggs(
                    new RefreshRequest(filter, cascadeUp, cascadeDown, force, sourceUrl != null));
            print(result, render(result));
            return ExitCode.OK;
        }
    }

    private static String render(RefreshResult result) {
        String policies = "";
        if (!result.resumedPolicies().isEmpty()) {
            policies = "\nResumed " + ControlCommand.policies(result.resumedPolicies()) + ".";
        } else if (!result.stillPausedPolicies().isEmpty()) {
            policies = "\nStill paused (chunks are left to copy, or --filter chose some aggregates): "
                    + ControlCommand.policies(result.stillPausedPolicies()) + ". control --resume-policies resumes them.";
        }
        return refreshes(result) + policies;
    }

    private static String refreshes(RefreshResult result) {
        if (result.refreshed().isEmpty()) {
            return "Nothing to refresh: no continuous aggregate reads the copied data or lags the source.";
        }
        Table table = new Table("continuous aggregate", "from", "until", "why", "seconds");
        for (RefreshResult.Refreshed r : result.refreshed()) {
            table.row(r.cagg(), r.from(), r.until(), r.reason(), String.format(java.util.Locale.ROOT, "%.1f",
                    r.duration().toMillis() / 1000.0));
        }
        return table + "\nRefreshed " + result.refreshed().size() + " window(s).";
    }
}
