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

    public boolean stopRequested() {
        return stopRequested || Thread.currentThread().isInterrupted();
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
