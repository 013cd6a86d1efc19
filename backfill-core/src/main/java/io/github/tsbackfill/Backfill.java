package io.github.tsbackfill;

import io.github.tsbackfill.internal.CaggRefresher;
import io.github.tsbackfill.internal.CopyWorkers;
import io.github.tsbackfill.internal.Errors;
import io.github.tsbackfill.internal.Pools;
import io.github.tsbackfill.internal.Stager;
import io.github.tsbackfill.internal.StopControl;
import io.github.tsbackfill.internal.TargetTasks;
import io.github.tsbackfill.internal.Verifier;
import java.util.List;

/**
 * The backfill workflow behind one object: {@link #stage}, {@link #copy}, {@link #verify}, {@link #clean}.
 * Tasks live in the target's {@code __backfill} schema, so any process (or several at once) can pick the work
 * up where another left it.
 *
 * <pre>{@code
 * try (Backfill backfill = Backfill.create(config)) {
 *     backfill.stage(StageRequest.until("2024-01-01T00:00:00Z").withFilter("^metrics\\."));
 *     CopyResult copied = backfill.copy(new CopyRequest(4));
 *     VerifyResult verified = backfill.verify(new VerifyRequest(4, false, false));
 *     if (verified.ok()) backfill.clean();
 * }
 * }</pre>
 *
 * {@link #requestStop()} and {@link #forceStop()} may be called from any thread (a signal handler, say) while
 * copy or verify runs; interrupting the calling thread forces a stop.
 */
public final class Backfill implements AutoCloseable {

    private final BackfillConfig config;
    private final Pools pools;
    private volatile StopControl running = new StopControl();

    private Backfill(BackfillConfig config) {
        this.config = config;
        this.pools = new Pools(config);
    }

    public static Backfill create(BackfillConfig config) {
        return new Backfill(config);
    }

    public StageResult stage(StageRequest request) {
        return Errors.guard("stage", () -> new Stager(pools, config.listener()).stage(request));
    }

    /**
     * Copies the staged chunks not copied yet. Interrupting the calling thread forces a stop: the result is still
     * returned ({@link CopyResult#stopped()}) and the thread's interrupt flag is set again.
     */
    public CopyResult copy(CopyRequest request) {
        checkParallelism(request.parallelism());
        StopControl run = newRun();
        try {
            return Errors.guard("copy", () -> new CopyWorkers(pools, config.listener(), run).run(request));
        } finally {
            run.restoreInterrupt();
        }
    }

    /** Verifies the copied chunks not verified yet; interrupting the calling thread stops it as for {@link #copy}. */
    public VerifyResult verify(VerifyRequest request) {
        checkParallelism(request.parallelism());
        StopControl run = newRun();
        try {
            return Errors.guard("verify", () -> new Verifier(pools, config.listener(), run).run(request));
        } finally {
            run.restoreInterrupt();
        }
    }

    /**
     * The source's hypertables and continuous aggregates as {@code --filter} matches them ({@code schema.table},
     * {@code schema.view}), for completion and listings.
     */
    public List<String> sourceHypertables() {
        return Errors.guard("list hypertables", () -> new Stager(pools, config.listener()).matchable());
    }

    /**
     * Refreshes, on the target, the continuous aggregates over the copied data, over exactly the copied ranges
     * (copy itself keeps its writes out of the target's invalidation tracking).
     */
    public RefreshResult refreshCaggs(RefreshRequest request) {
        return Errors.guard("refresh-caggs", () -> new CaggRefresher(pools, config.listener()).refresh(request));
    }

    /**
     * Drops the target's {@code __backfill} schema, first scheduling again the policy jobs
     * {@code copy --pause-policies} paused.
     */
    public CleanResult clean() {
        return Errors.guard("clean", () -> new TargetTasks(pools).clean());
    }

    /** Per-hypertable progress of the staged work. */
    public StatusResult status() {
        return Errors.guard("status", () -> new TargetTasks(pools).status());
    }

    /**
     * Changes the queue's control, which every copy and verify process working on this target obeys within a few
     * seconds, on any host: pause and resume, workers per process, the rate of all copies together.
     */
    public ControlSettings control(ControlRequest request) {
        return Errors.guard("control", () -> new TargetTasks(pools).control(request));
    }

    /** Schedules again the target's policy jobs that {@code copy --pause-policies} paused; returns them. */
    public List<PausedPolicy> resumePolicies() {
        return Errors.guard("control --resume-policies", () -> new TargetTasks(pools).resumePolicies());
    }

    /** Workers finish the chunk they are on, then the running copy or verify returns. */
    public void requestStop() {
        running.requestStop();
    }

    /** Running statements are aborted and roll back; the running copy or verify returns at once. */
    public void forceStop() {
        running.forceStop();
    }

    private StopControl newRun() {
        running = new StopControl();
        return running;
    }

    private void checkParallelism(int parallelism) {
        if (parallelism > config.maxParallelism()) {
            throw new InvalidConfigurationException("--parallelism", parallelism
                    + " is more than the configured maximum of " + config.maxParallelism());
        }
    }

    @Override
    public void close() {
        pools.close();
    }
}
