package io.github.tsbackfill.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The command tree shared by the command line and the shell. */
@Command(name = "timescaledb-backfill",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Backfills TimescaleDB hypertables from a source database into a target database, chunk by chunk, transactionally and resumably, without intermediate files; compressed chunks travel compressed.",
            "",
            "Workflow: stage -> copy -> verify (-> refresh-caggs) -> clean. Tasks live in the target's __backfill schema; watch them with 'status' or plain SQL on __backfill.task (worked is null until a chunk is copied)."},
        footer = {
            "",
            "Examples:",
            "  timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB --until '2016-01-02T00:00:00'",
            "  timescaledb-backfill copy --source $SOURCE_DB --target $TARGET_DB",
            "  timescaledb-backfill verify --source $SOURCE_DB --target $TARGET_DB",
            "  timescaledb-backfill refresh-caggs --target $TARGET_DB",
            "  timescaledb-backfill clean --target $TARGET_DB",
            "",
            ExitCode.HELP},
        subcommands = {StageCommand.class, CopyCommand.class, VerifyCommand.class, StatusCommand.class,
            ControlCommand.class, RefreshCaggsCommand.class, CleanCommand.class, picocli.CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class})
public final class BackfillCommand implements Runnable {

    private final CliContext context;

    // Scripts written for the original tool pass it; nothing here sends telemetry, so it changes nothing.
    @Option(names = "--disable-telemetry", scope = ScopeType.INHERIT,
            description = "Accepted for compatibility with the original tool; this tool never sends telemetry.")
    boolean disableTelemetry;

    @Spec
    private CommandSpec spec;

    public BackfillCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }
}
