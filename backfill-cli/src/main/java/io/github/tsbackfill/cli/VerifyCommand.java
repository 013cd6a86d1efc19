package io.github.tsbackfill.cli;

import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.VerifyRequest;
import io.github.tsbackfill.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Compares every copied chunk on source and target: row count, and per column count, min, max and sum (where the type has them), restricted to the staged range. --deep also compares a hash of every row. Results are stored with the tasks; chunks verified since their copy are not verified again unless --again is given."},
        footer = {"", "Example:", "  timescaledb-backfill verify --source $SOURCE_DB --target $TARGET_DB", "",
            ExitCode.HELP})
final class VerifyCommand extends BaseCommand {

    @Mixin
    SourceOption sourceOption;

    @Mixin
    TargetOption targetOption;

    @Mixin
    MetricsOption metricsOption;

    @Option(names = {"-p", "--parallelism"}, defaultValue = "4", paramLabel = "N",
            description = "Chunks verified at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--deep", description = "Also compare an order-independent hash of every row's content.")
    boolean deep;

    @Option(names = "--again", description = "Verify chunks that were verified before, too.")
    boolean again;

    @Override
    Integer execute() throws Exception {
        VerifyRequest request = new VerifyRequest(parallelism, deep, again);
        ProgressReporter progress = progress();
        try (Metrics metrics = Metrics.serve(metricsOption.port);
             Backfill backfill = open(source(sourceOption), target(targetOption), parallelism,
                     Metrics.feeding(progress, metrics));
             AutoCloseable interrupts = context().interrupts().onInterrupt(backfill::requestStop, backfill::forceStop)) {
            VerifyResult result = backfill.verify(request);
            progress.finish();
            print(result, render(result));
            if (!result.mismatches().isEmpty()) {
                return ExitCode.MISMATCH;
            }
            if (result.stopped()) {
                return ExitCode.INTERRUPTED;
            }
            return result.ok() ? ExitCode.OK : ExitCode.PARTIAL;
        }
    }

    private static String render(VerifyResult result) {
        StringBuilder text = new StringBuilder();
        for (VerifyResult.Mismatch m : result.mismatches()) {
            text.append("MISMATCH ").append(m.chunk()).append(" (").append(m.hypertable()).append(")\n");
            m.details().forEach(d -> text.append("  ").append(d).append('\n'));
        }
        result.errors().forEach(e -> text.append("ERROR ").append(e).append('\n'));
        if (result.verifiedNow() == 0 && result.mismatches().isEmpty() && result.errors().isEmpty()) {
            text.append("Nothing verified now: every copied chunk was verified before (use --again to check them "
                    + "against the databases as they are now). Earlier results: ");
        }
        text.append(result.matching()).append(" chunk(s) match, ").append(result.mismatches().size())
                .append(" differ");
        if (result.notCopied() > 0) {
            text.append(", ").append(result.notCopied()).append(" not copied yet (run copy)");
        }
        if (result.unverified() > 0) {
            text.append(", ").append(result.unverified()).append(" copied but not verified (run verify again)");
        }
        if (result.verifiedNow() > 0) {
            text.append(" (").append(result.verifiedNow()).append(" verified in this run)");
        }
        text.append('.');
        if (!result.mismatches().isEmpty()) {
            text.append("\nRe-copy the chunks that differ with: copy --recopy mismatched, then verify.");
        }
        return text.toString();
    }
}
