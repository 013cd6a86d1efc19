package io.github.tsbackfill.cli;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM (what Kubernetes and systemd send to stop a process) for the command line: the first
 * asks for a graceful stop, the second forces it.
 */
final class SignalInterrupts implements CliContext.Interrupts {

    private final java.io.PrintWriter err;

    SignalInterrupts(java.io.PrintWriter err) {
        this.err = err;
    }

    @Override
    public AutoCloseable onInterrupt(Runnable graceful, Runnable forced) {
        AtomicInteger count = new AtomicInteger();
        SignalHandler handler = signal -> {
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
        };
        Signal sigint = new Signal("INT");
        Signal sigterm = new Signal("TERM");
        SignalHandler previousInt = Signal.handle(sigint, handler);
        SignalHandler previousTerm = Signal.handle(sigterm, handler);
        return () -> {
            Signal.handle(sigint, previousInt);
            Signal.handle(sigterm, previousTerm);
        };
    }
}
