package io.github.tsbackfill.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** The {@code clean} command: drops {@code __backfill} once nobody works on it. */
public final class TaskCleaner {

    private final Pools pools;

    public TaskCleaner(Pools pools) {
        this.pools = pools;
    }

    public boolean clean() {
        try (Connection target = pools.target()) {
            return new TaskStore(target).drop();
        } catch (SQLException e) {
            throw Errors.failed("clean", e);
        }
    }
}
