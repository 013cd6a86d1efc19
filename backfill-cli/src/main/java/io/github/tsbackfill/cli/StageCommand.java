package io.github.tsbackfill.cli;

import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.StageRequest;
import io.github.tsbackfill.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stage", mixinStandardHelpOptions = true,
        description = {
            "Creates one copy task per source chunk holding data before --until (and from --from), in the target's __backfill schema, and creates the matching empty chunks on the target. A chunk crossing a bound is copied partially. Run it as often as needed with different filters and bounds: tasks accumulate, a chunk is never staged twice, and a wider range for an already staged chunk replaces the narrower one."},
        footer = {"", "Examples:",
            "  timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB --until '2016-01-02T00:00:00'",
            "  timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB \\",
            "    --filter 'my_table.*' --until '2016-01-02T00:00:00'",
            "  timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB \\",
            "    --filter 'schema1.table_with_time_as_bigint' --until '91827364'",
            "", ExitCode.HELP})
final class StageCommand extends BaseCommand {

    @Mixin
    SourceOption sourceOption;

    @Mixin
    TargetOption targetOption;

    @Option(names = "--until", required = true, paramLabel = "TIME",
            description = "Exclusive upper bound, in each hypertable's time type: a timestamp "
                    + "('2016-01-02T00:00:00', read in UTC unless it has an offset) or an integer for integer time.")
    String until;

    @Option(names = "--from", paramLabel = "TIME", description = "Inclusive lower bound (default: no lower bound).")
    String from;

    @Option(names = "--filter", paramLabel = "REGEX",
            description = "Case-insensitive PostgreSQL regular expression on schema.table of the hypertables "
                    + "(default: all).")
    String filter;

    @Option(names = "--snapshot", paramLabel = "ID",
            description = "A snapshot exported on the source (pg_export_snapshot()) to read the data as of.")
    String snapshot;

    @Override
    Integer execute() {
        StageRequest request = new StageRequest(until, from, filter, snapshot);
        try (Backfill backfill = open(source(sourceOption), target(targetOption), 1, progress())) {
            StageResult result = backfill.stage(request);
            print(result, render(result));
            return result.ok() ? ExitCode.OK : ExitCode.PARTIAL;
        }
    }

    private static String render(StageResult result) {
        Table table = new Table("hypertable", "chunks", "new", "widened", "partial", "compressed", "note");
        for (StageResult.HypertableStage h : result.hypertables()) {
            table.row(h.hypertable(), h.chunks(), h.inserted(), h.widened(), h.partial(), h.compressed(),
                    h.skipped() == null ? "" : "NOT STAGED: " + h.skipped());
        }
        return table + "\nStaged " + result.inserted() + " new and " + result.widened() + " widened task(s) for "
                + result.chunks() + " chunk(s)." + (result.ok() ? "" : " Some hypertables were not staged (see note).");
    }
}
