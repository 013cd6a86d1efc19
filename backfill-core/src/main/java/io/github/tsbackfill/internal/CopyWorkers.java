package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillEvent;
import io.github.tsbackfill.BackfillException;
import io.github.tsbackfill.BackfillListener;
import io.github.tsbackfill.CopyMode;
import io.github.tsbackfill.CopyRequest;
import io.github.tsbackfill.CopyResult;
import io.github.tsbackfill.PausedPolicy;
import io.github.tsbackfill.Recopy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copy: workers claim pending tasks and copy each chunk in the transaction that holds its task, then mark it
 * worked. Any number of processes may share one queue; a chunk is copied exactly once.
 */
public final class CopyWorkers implements WorkerPool.Job {

    private static final Logger log = LoggerFactory.getLogger(CopyWorkers.class);

    private final Pools pools;
    private final BackfillListener listener;
    private final StopControl stop;
    private final List<CopyResult.Failure> failures = new ArrayList<>();
    private final List<CopyResult.Skipped> skipped = new ArrayList<>();
    private final Map<String, Totals> totals = new TreeMap<>();
    private int total;
    private CopyRequest request;

    public CopyWorkers(Pools pools, BackfillListener listener, StopControl stop) {
        this.pools = pools;
        this.listener = listener;
        this.stop = stop;
    }

    public CopyResult run(CopyRequest request) {
        long started = System.nanoTime();
        try (Connection source = pools.source(); Connection target = pools.target()) {
            TaskStore store = new TaskStore(target);
            store.requireStaged();
            store.requireWritable();
            SameDatabase.refuse(source, target);
            store.requireSource(SourceIdentity.of(source), true);
            if (request.recopy() != Recopy.NONE) {
                int reset = store.recopy(request.recopy());
                log.info("--recopy {}: {} task(s) pending again", request.recopy().name().toLowerCase(Locale.ROOT), reset);
            }
            if (request.pausePolicies()) {
                new PausedPolicies(target).pause();
            }
            total = store.pending();
            this.request = request;
        } catch (SQLException e) {
            throw Errors.failed("copy", e);
        }
        CopyResult.Parallelism parallelism = new WorkerPool(pools, stop, listener, request.retries(), request.maxRate())
                .run(request.parallelism(), request.autoParallelism(), "copy", this);
        int pending;
        List<PausedPolicy> paused;
        try (Connection target = pools.target()) {
            pending = new TaskStore(target).pending();
            paused = new PausedPolicies(target).paused();
        } catch (SQLException e) {
            throw Errors.failed("copy", e);
        }
        List<String> caggs = new CaggRefresher(pools, listener).caggsOverCopiedData();
        synchronized (this) {
            List<CopyResult.HypertableCopy> perHypertable = new ArrayList<>();
            totals.forEach((h, t) -> perHypertable.add(new CopyResult.HypertableCopy(h, t.chunks, t.compressed, t.rows,
                    t.bytes, t.replaced, Duration.ofNanos(t.nanos))));
            return new CopyResult(perHypertable, failures, skipped, stop.stopRequested() && pending > 0, pending,
                    Duration.ofNanos(System.nanoTime() - started), caggs, parallelism, paused);
        }
    }

    @Override
    public Optional<Task> claim(TaskStore store, Set<Long> skip) {
        return store.claimCopy(skip);
    }

    @Override
    public void process(Task claimed, Connection source, Connection target, Worker worker) throws SQLException {
        listener.onEvent(new BackfillEvent.TaskStarted("copy", claimed.chunkDisplay(), claimed.hypertableDisplay(), total));
        long started = System.nanoTime();
        // Read once, in the source transaction (repeatable read) that the copy then runs in.
        Optional<ChunkState> sourceState = pools.sourceCatalog(source).chunkState(claimed.chunkSchema(),
                claimed.chunkName());
        if (sourceState.isEmpty()) {
            skip(claimed, worker, target);
            return;
        }
        Optional<Task> resolved = withTargetChunk(claimed, target);
        if (resolved.isEmpty()) {
            return;
        }
        Task task = resolved.get();
        ChunkCopier.Copied copied = new ChunkCopier(source, target, pools, listener, worker, request.freeze())
                .copy(task, sourceState.get());
        new TaskStore(target).markCopied(task.priority(), worker, copied);
        long nanos = System.nanoTime() - started;
        synchronized (this) {
            totals.computeIfAbsent(task.hypertableDisplay(), h -> new Totals()).add(copied, nanos);
        }
        String mode = copied.mode().name().toLowerCase(Locale.ROOT);
        listener.onEvent(new BackfillEvent.TaskFinished("copy", task.chunkDisplay(), task.hypertableDisplay(),
                copied.rows(), copied.bytes(), Duration.ofNanos(nanos), true,
                copied.reason() == null ? mode : mode + ": " + copied.reason()));
    }

    /** The source chunk is gone (retention dropped it since stage): done, with nothing copied and no target chunk. */
    private void skip(Task task, Worker worker, Connection target) {
        String reason = "source chunk " + task.chunkDisplay() + " no longer exists (dropped by retention since stage?)";
        new TaskStore(target).markSkipped(task.priority(), worker, reason);
        log.debug("skipped {}: {}", task.chunkDisplay(), reason);
        synchronized (this) {
            skipped.add(new CopyResult.Skipped(task.hypertableDisplay(), task.chunkDisplay(), reason));
        }
        listener.onEvent(new BackfillEvent.TaskFinished("copy", task.chunkDisplay(), task.hypertableDisplay(), 0, 0,
                Duration.ZERO, true, TaskStore.SKIPPED + ": " + reason));
    }

    /**
     * The task with its target chunk, found or created first when the task does not name one yet (or it was
     * dropped). TimescaleDB serializes chunk creation with a lock on the hypertable held until commit, so the
     * chunk is created and recorded in a transaction of its own, committed before the copy: workers filling other
     * chunks of the same hypertable never wait for this one's copy. That commit lets go of the task: when another
     * worker has taken it meanwhile, empty (that worker copies it); otherwise the task as it is now, since a stage
     * may have widened it in that gap.
     */
    private Optional<Task> withTargetChunk(Task task, Connection target) throws SQLException {
        CatalogReader catalog = pools.targetCatalog(target);
        if (task.routed() || (task.targetChunk() != null && catalog.relation(task.targetChunk()).isPresent())) {
            return Optional.of(task);
        }
        String chunk;
        try {
            chunk = catalog.createChunk(task.hypertable(), task.dimensions());
        } catch (DataAccessException e) {
            throw new BackfillException(BackfillException.Kind.FAILED, "cannot create the target chunk with the slices "
                    + task.dimensions() + " in " + task.hypertableDisplay() + ": " + Errors.describe(e), e);
        }
        TaskStore store = new TaskStore(target);
        store.setTargetChunk(task.priority(), chunk);
        target.commit();
        Optional<Task> again = store.claimPending(task.priority());
        if (again.isPresent()) {
            target.setSavepoint(); // the commit ended the one the worker pool set: see WorkerPool#processOne
        }
        return again;
    }

    @Override
    public void retrying(Task task, Worker worker, String message, int attempt, Duration pause) {
        log.warn("copy of {} failed ({}); attempt {} in {} ms", task.chunkDisplay(), message, attempt + 1,
                pause.toMillis());
        recordFailure(task, worker, message);
    }

    @Override
    public void failed(Task task, Worker worker, String message) {
        log.debug("copy of {} failed: {}", task.chunkDisplay(), message);
        recordFailure(task, worker, message);
        synchronized (this) {
            failures.add(new CopyResult.Failure(task.hypertableDisplay(), task.chunkDisplay(), message));
        }
        listener.onEvent(new BackfillEvent.TaskFinished("copy", task.chunkDisplay(), task.hypertableDisplay(), 0, 0,
                Duration.ZERO, false, message));
    }

    /** The error and the attempt in the task row, in a connection of its own: the copy's rolled back. */
    private void recordFailure(Task task, Worker worker, String message) {
        try (Connection target = pools.target()) {
            new TaskStore(target).markFailed(task.priority(), worker, message);
        } catch (SQLException | RuntimeException e) {
            log.warn("cannot record the failure of {}: {}", task.chunkDisplay(), Errors.describe(e));
        }
    }

    @Override
    public synchronized void stuck(String message) {
        failures.add(new CopyResult.Failure(null, null, "cannot claim tasks: " + message));
    }

    private static final class Totals {
        int chunks;
        int compressed;
        long rows;
        long bytes;
        long replaced;
        long nanos;

        void add(ChunkCopier.Copied copied, long elapsed) {
            chunks++;
            compressed += copied.mode() == CopyMode.COMPRESSED ? 1 : 0;
            rows += copied.rows();
            bytes += copied.bytes();
            replaced += copied.replaced();
            nanos += elapsed;
        }
    }
}
