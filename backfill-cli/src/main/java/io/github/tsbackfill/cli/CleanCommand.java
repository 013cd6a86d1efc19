package io.github.tsbackfill.cli;

import io.github.tsbackfill.Backfill;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {
            "Drops the target's __backfill schema (the tasks) once the migration is complete. Refuses while a copy or verify is working on it. Touches nothing else."},
        footer = {"", "Example:", "  timescaledb-backfill clean --target $TARGET_DB", "", ExitCode.HELP})
final class CleanCommand extends BaseCommand {

    @Mixin
    TargetOption targetOption;

    @Override
    Integer execute() {
        try (Backfill backfill = open(null, target(targetOption), 1, progress())) {
            boolean dropped = backfill.clean();
            print(Map.of("dropped", dropped), dropped ? "Dropped the __backfill schema."
                    : "Nothing to clean: the target has no __backfill schema.");
            return ExitCode.OK;
        }
    }
}
