package io.github.tsbackfill.cli;

import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.CleanResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {
            "Drops the target's __backfill schema (the tasks) once the migration is complete. Refuses while a copy or verify is working on it. First schedules again the policy jobs copy --pause-policies paused. Touches nothing else."},
        footer = {"", "Example:", "  timescaledb-backfill clean --target $TARGET_DB", "", ExitCode.HELP})
final class CleanCommand extends BaseCommand {

    @Mixin
    TargetOption targetOption;

    @Override
    Integer execute() {
        try (Backfill backfill = open(null, target(targetOption), 1, progress())) {
            CleanResult result = backfill.clean();
            String text = result.dropped() ? "Dropped the __backfill schema."
                    : "Nothing to clean: the target has no __backfill schema.";
            if (!result.resumedPolicies().isEmpty()) {
                text = "Resumed " + ControlCommand.policies(result.resumedPolicies()) + ".\n" + text;
            }
            print(result, text);
            return ExitCode.OK;
        }
    }
}
