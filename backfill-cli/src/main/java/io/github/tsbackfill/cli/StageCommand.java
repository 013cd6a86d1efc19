package io.github.tsbackfill.cli;

import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.StageRequest;
import io.github.tsbackfill.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stage", mixinStandardHelpOptions = true,
        description = {
            "Creates one copy task per source chunk holding data before --until (and from --from), in the target's __backfill schema; copy creates the matching chunks on the target as it fills them. A chunk crossing a bound is copied partially. Run it as often as needed with different filters and bounds: tasks accumulate, a chunk is never staged twice, and a wider range for an already staged chunk replaces the narrower one."},
        footer = {"", "Examples:",
            "  timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB --until '2016-01-02T00:00:00'",
            "  timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB \\",
            "    --filter 'my_table.*' --until '2016-01-02T00:00:00'",
            "  timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB \\",
            "    --filter 'schema1.table_with_time_as_bigint' --until '91827364'",
            "  timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB \\",
            "    --filter 'public.metrics' --cascade-up --until '2016-01-02T00:00:00'   # and its continuous aggregates",
            "", ExitCode.HELP})
final class StageCommand extends BaseCommand {

    @Mixin
    SourceOption sourceOption;

    @Mixin
    TargetOption targetOption;

    @Option(names = {"-u", "--until"}, required = true, paramLabel = "TIME",
            description = "Exclusive upper bound, in each hypertable's time type: a timestamp "
                    + "('2016-01-02T00:00:00', read in UTC unless it has an offset) or an integer for integer time.")
    String until;

    @Option(names = {"-F", "--from"}, paramLabel = "TIME", description = "Inclusive lower bound (default: no lower bound).")
    String from;

    @Option(names = {"-f", "--filter"}, paramLabel = "REGEX",
            description = "Case-insensitive PostgreSQL regular expression on schema.table of the hypertables, or "
                    + "schema.view of continuous aggregates (their materialized data is copied). Default: all of both.")
    String filter;

    @Option(names = {"-U", "--cascade-up"},
            description = "Also stage the continuous aggregates built on what --filter matches, and those built on "
                    + "them.")
    boolean cascadeUp;

    @Option(names = {"-D", "--cascade-down"},
            description = "Also stage the hypertables (and continuous aggregates) a matched continuous aggregate is "
                    + "built on, down to the raw hypertable.")
    boolean cascadeDown;

    @Option(names = "--dry-run",
            description = "Show what stage would do (chunks, compressed, partial, estimated rows and bytes, target "
                    + "chunks to create) and write nothing to the target, not even the __backfill schema.")
    boolean dryRun;

    @Option(names = {"-s", "--snapshot"}, paramLabel = "ID",
            description = "A snapshot exported on the source (pg_export_snapshot()) to read the data as of.")
    String snapshot;

    @Override
    Integer execute() {
        StageRequest request = new StageRequest(until, from, filter, snapshot, cascadeUp, cascadeDown, dryRun);
        try (Backfill backfill = open(source(sourceOption), target(targetOption), 1, progress())) {
            StageResult result = backfill.stage(request);
            print(result, render(result));
            return result.ok() ? ExitCode.OK : ExitCode.PARTIAL;
        }
    }

    private static String render(StageResult result) {
        Table table = new Table("hypertable", "chunks", "new", "widened", "partial", "compressed", "part. compr.",
                "rows (est.)", "bytes (est.)", "new target chunks", "note");
        for (StageResult.HypertableStage h : result.hypertables()) {
            table.row(h.hypertable(), h.chunks(), h.inserted(), h.widened(), h.partial(), h.compressed(),
                    h.partiallyCompressed(), Units.count(h.estimatedRows()), Units.bytes(h.estimatedBytes()),
                    h.newTargetChunks(), h.skipped() == null ? "" : "NOT STAGED: " + h.skipped());
        }
        String totals = result.inserted() + " new and " + result.widened() + " widened task(s) for " + result.chunks()
                + " chunk(s), about " + Units.bytes(result.estimatedBytes()) + " as stored on the source.";
        return table + "\n" + (result.dryRun() ? "Dry run, nothing written to the target. Would stage " : "Staged ")
                + totals + (result.ok() ? "" : " Some hypertables were not staged (see note).");
    }
}
