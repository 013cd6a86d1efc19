package io.github.tsbackfill.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Graceful and forced stop of a running copy or verify. Graceful: workers take no new task. Forced: also
 * aborts every connection in use, so running statements end at once and their transactions roll back.
 */
public final class StopControl {

    private volatile boolean stopRequested;
    private volatile boolean forced;
    private volatile boolean interrupted;
    private final Set<Connection> inUse = ConcurrentHashMap.newKeySet();

    public void requestStop() {
        stopRequested = true;
    }

    public void forceStop() {
        stopRequested = true;
        forced = true;
        Executor direct = Runnable::run;
        for (Connection c : inUse) {
            try {
                c.abort(direct);
            } catch (SQLException ignored) {
                // already closed
            }
        }
    }

    /** The caller's thread was interrupted: stop as forced, and remember it for {@link #restoreInterrupt()}. */
    void interrupted() {
        interrupted = true;
        forceStop();
    }

    /** Sets the caller's interrupt flag again when the run was ended by an interrupt. */
    public void restoreInterrupt() {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    public boolean forced() {
        return forced;
    }

    void register(Connection connection) {
        inUse.add(connection);
        if (forced) {
            forceStop();
        }
    }

    void unregister(Connection connection) {
        inUse.remove(connection);
    }
}
