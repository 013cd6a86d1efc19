package io.github.tsbackfill.shell;

import io.github.tsbackfill.cli.CliContext;
import java.util.function.IntSupplier;

/**
 * One command running in the background ({@code copy ... &}) while the operator keeps typing; {@code stop}
 * reaches it as Ctrl-C would reach a foreground command.
 */
final class BackgroundJob {

    private final String command;
    private final Thread thread;
    private final InterruptHandlers handlers = new InterruptHandlers();
    private volatile Integer exitCode;

    BackgroundJob(String command, IntSupplier body, Runnable whenDone) {
        this.command = command;
        this.thread = new Thread(() -> {
            exitCode = body.getAsInt();
            whenDone.run();
        }, "backfill-background");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean running() {
        return thread.isAlive();
    }

    String command() {
        return command;
    }

    Integer exitCode() {
        return exitCode;
    }

    /** What the job's command listens to for stopping. */
    CliContext.Interrupts interrupts() {
        return handlers;
    }

    /** Asks the job to stop: finish the chunks in progress, or, forced, roll them back now. */
    boolean stop(boolean force) {
        Runnable action = handlers.handler(force);
        if (action == null) {
            return false;
        }
        action.run();
        return true;
    }
}
