package io.github.tsbackfill.shell;

import io.github.tsbackfill.cli.CliContext;

/** Where Ctrl-C or {@code stop} reaches the command running in one place: the foreground or a background job. */
final class InterruptHandlers implements CliContext.Interrupts {

    private volatile Runnable graceful;
    private volatile Runnable forced;

    @Override
    public AutoCloseable onInterrupt(Runnable graceful, Runnable forced) {
        this.graceful = graceful;
        this.forced = forced;
        return () -> {
            this.graceful = null;
            this.forced = null;
        };
    }

    /** The running command's handler for a graceful or a forced stop; null when no command listens. */
    Runnable handler(boolean force) {
        return force ? forced : graceful;
    }
}
