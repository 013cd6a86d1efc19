package io.github.tsbackfill.cli;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** SIGINT for the command line: the first one asks for a graceful stop, the second forces it. */
final class SignalInterrupts implements CliContext.Interrupts {

    private final java.io.PrintWriter err;

    SignalInterrupts(java.io.PrintWriter err) {
        this.err = err;
    }

    @Override
    public AutoCloseable onInterrupt(Runnable graceful, Runnable forced) {
        AtomicInteger count = new AtomicInteger();
        Signal sigint = new Signal("INT");
        SignalHandler previous = Signal.handle(sigint, signal -> {
            if (count.incrementAndGet() == 1) {
                err.println();
                err.println("Interrupted: finishing the chunks in progress, then stopping. "
                        + "Press Ctrl-C again to stop now (uncommitted chunks roll back).");
                err.flush();
                graceful.run();
            } else {
                err.println("Stopping now; chunks in progress roll back and stay pending.");
                err.flush();
                forced.run();
            }
        });
        return () -> Signal.handle(sigint, previous);
    }
}
