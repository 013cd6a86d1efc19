package io.github.tsbackfill.cli;

import java.io.PrintWriter;

/**
 * What a command needs from the front-end running it: output streams, the environment, whether the output is a
 * terminal, and how Ctrl-C reaches a running operation. The CLI and the REPL each provide one.
 */
public record CliContext(PrintWriter out, PrintWriter err, Environment env, boolean terminal, Interrupts interrupts) {

    /** Routes Ctrl-C to the running operation: first press {@code graceful}, second {@code forced}. */
    public interface Interrupts {
        /** Installs the handlers; the returned handle removes them. */
        AutoCloseable onInterrupt(Runnable graceful, Runnable forced);
    }
}
