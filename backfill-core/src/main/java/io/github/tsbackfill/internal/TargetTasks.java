package io.github.tsbackfill.internal;

import io.github.tsbackfill.StatusResult;
import java.sql.Connection;
import java.sql.SQLException;

/** The target-only commands: {@code clean} (drop {@code __backfill} once nobody works on it) and {@code status}. */
public final class TargetTasks {

    private final Pools pools;

    public TargetTasks(Pools pools) {
        this.pools = pools;
    }

    public boolean clean() {
        try (Connection target = pools.target()) {
            return new TaskStore(target).drop();
        } catch (SQLException e) {
            throw Errors.failed("clean", e);
        }
    }

    public StatusResult status() {
        try (Connection target = pools.target()) {
            TaskStore store = new TaskStore(target);
            store.requireStaged();
            return store.status();
        } catch (SQLException e) {
            throw Errors.failed("status", e);
        }
    }
}
