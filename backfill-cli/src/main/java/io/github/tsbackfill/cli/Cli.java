package io.github.tsbackfill.cli;

import io.github.tsbackfill.BackfillException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds the picocli command line for a front-end and maps failures to one line and an exit code. */
public final class Cli {

    private Cli() {
    }

    public static CommandLine commandLine(CliContext context) {
        CommandLine cli = new CommandLine(new BackfillCommand(context));
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpWidth(110);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("error: " + e.getMessage() + " (see '"
                    + failed.getCommandSpec().qualifiedName() + " --help')");
            failed.getErr().flush();
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean verbose = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
            if (verbose) {
                e.printStackTrace(err);
            }
            if (e instanceof BackfillException b) {
                err.println("error: " + b.getMessage());
                err.flush();
                return ExitCode.of(b);
            }
            err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage())
                    + (verbose ? "" : " (--verbose shows details)"));
            err.flush();
            return ExitCode.FAILED;
        });
        return cli;
    }
}
