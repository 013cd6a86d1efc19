package io.github.tsbackfill.cli;

import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.BackfillException;
import io.github.tsbackfill.BackfillListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Builds the picocli command line for a front-end and maps failures to one line and an exit code. */
public final class Cli {

    static {
        // jOOQ greets its first use with a banner and tips in the log: not what an operator's -v output is for.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private Cli() {
    }

    /** The source's hypertables and continuous aggregates, from {@code $SOURCE_DB}/{@code $TARGET_DB} of {@code env}. */
    public static List<String> sourceHypertables(Environment env) {
        try (Backfill backfill = BaseCommand.open(ConnectionUrl.parse("--source", env.get("SOURCE_DB"), env),
                ConnectionUrl.parse("--target", env.get("TARGET_DB"), env), 1, BackfillListener.NONE)) {
            return backfill.sourceHypertables();
        }
    }

    public static CommandLine commandLine(CliContext context) {
        CommandLine cli = new CommandLine(new BackfillCommand(context));
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpWidth(110);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            // Unknown options and their values are echoed by picocli: a mistyped --source carries a password.
            failed.getErr().println("error: " + ConnectionUrl.mask(e.getMessage()) + " (see '"
                    + failed.getCommandSpec().qualifiedName() + " --help')");
            failed.getErr().flush();
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean verbose = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
            if (verbose) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                err.print(ConnectionUrl.mask(trace.toString()));
            }
            if (e instanceof BackfillException b) {
                err.println("error: " + ConnectionUrl.mask(b.getMessage()));
                err.flush();
                return ExitCode.of(b);
            }
            err.println("error: " + ConnectionUrl.mask(e.getMessage() == null ? e.toString() : e.getMessage())
                    + (verbose ? "" : " (--verbose shows details)"));
            err.flush();
            return ExitCode.FAILED;
        });
        return cli;
    }
}
