package io.github.tsbackfill.cli;

import java.io.PrintWriter;

/** Entry point of the {@code timescaledb-backfill} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CliContext context = new CliContext(out, err, Environment.system(), System.console() != null,
                new SignalInterrupts(err));
        System.exit(Cli.commandLine(context).execute(args));
    }
}
