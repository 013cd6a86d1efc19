package io.github.tsbackfill.internal;

import io.github.tsbackfill.CleanResult;
import io.github.tsbackfill.ControlRequest;
import io.github.tsbackfill.ControlSettings;
import io.github.tsbackfill.PausedPolicy;
import io.github.tsbackfill.StatusResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The target-only commands: {@code clean} (drop {@code __backfill} once nobody works on it) and {@code status}. */
public final class TargetTasks {

    private final Pools pools;

    public TargetTasks(Pools pools) {
        this.pools = pools;
    }

    public CleanResult clean() {
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
            QueueControl control = new QueueControl(target);
            return store.status(control.settings(), control.workers(), new PausedPolicies(target).paused());
        } catch (SQLException e) {
            throw Errors.failed("status", e);
        }
    }

    /** Schedules again the policy jobs paused for the backfill; returns them. */
    public List<PausedPolicy> resumePolicies() {
        try (Connection target = pools.target()) {
            new TaskStore(target).requireStaged();
            return new PausedPolicies(target).resume();
        } catch (SQLException e) {
            throw Errors.failed("control --resume-policies", e);
        }
    }

    /** Changes the queue's control (see {@link RunControl}) and returns it as it is now. */
    public ControlSettings control(ControlRequest request) {
        try (Connection target = pools.target()) {
            new TaskStore(target).requireStaged();
            return new QueueControl(target).apply(request);
        } catch (SQLException e) {
            throw Errors.failed("control", e);
        }
    }
}
