package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillEvent;
import io.github.tsbackfill.BackfillListener;
import io.github.tsbackfill.CopyRequest;
import io.github.tsbackfill.VerifyRequest;
import io.github.tsbackfill.VerifyResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jooq.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verify: workers claim copied, unverified tasks and compare source and target chunk (restricted to the task's
 * range) by {@link ChunkAggregates}, both sides queried at once. The outcome is stored in the task row, so
 * progress and resumption work as for copy. Compressed chunks are read through TimescaleDB's on-the-fly
 * decompression; nothing is decompressed permanently.
 */
public final class Verifier implements WorkerPool.Job {

    private static final Logger log = LoggerFactory.getLogger(Verifier.class);

    private final Pools pools;
    private final BackfillListener listener;
    private final StopControl stop;
    private final List<String> errors = new ArrayList<>();
    private boolean deep;
    private int verifiedNow;
    private int total;

    public Verifier(Pools pools, BackfillListener listener, StopControl stop) {
        this.pools = pools;
        this.listener = listener;
        this.stop = stop;
    }

    public VerifyResult run(VerifyRequest request) {
        this.deep = request.deep();
        try (Connection source = pools.source(); Connection target = pools.target()) {
            TaskStore store = new TaskStore(target);
            store.requireStaged();
            store.requireWritable();
            SameDatabase.refuse(source, target);
            store.requireSource(SourceIdentity.of(source), true);
            if (request.again()) {
                store.resetVerification();
            }
            total = store.unverified();
        } catch (SQLException e) {
            throw Errors.failed("verify", e);
        }
        new WorkerPool(pools, stop, listener, CopyRequest.DEFAULT_RETRIES, 0).run(request.parallelism(), false, "verify",
                this);
        try (Connection target = pools.target()) {
            TaskStore.VerifyState state = new TaskStore(target).verifyState();
            List<VerifyResult.Mismatch> mismatches = state.differing().stream()
                    .map(d -> new VerifyResult.Mismatch(d.hypertable(), d.chunk(), List.of(d.message().split("\n"))))
                    .toList();
            synchronized (this) {
                return new VerifyResult(verifiedNow, state.matching(), mismatches, state.notCopied(),
                        state.unverified(), errors, stop.stopRequested());
            }
        } catch (SQLException e) {
            throw Errors.failed("verify", e);
        }
    }

    @Override
    public Optional<Task> claim(TaskStore store, Set<Long> skip) {
        return store.claimVerify(skip);
    }

    @Override
    public void process(Task task, Connection source, Connection target, Worker worker) throws SQLException {
        listener.onEvent(new BackfillEvent.TaskStarted("verify", task.chunkDisplay(), task.hypertableDisplay(), total));
        long started = System.nanoTime();
        OffsetDateTime startedAt = worker.started();
        CatalogReader sourceCatalog = pools.sourceCatalog(source);
        ChunkAggregates aggregates = new ChunkAggregates(sourceCatalog.columns(task.sourceChunk()), deep);
        Condition range = RowFilter.of(task);
        CompletableFuture<List<String>> sourceFigures = CompletableFuture.supplyAsync(
                () -> aggregates.compute(sourceCatalog.dsl(), task.sourceChunk(), range));
        List<String> targetFigures = aggregates.compute(Sql.dsl(target), task.targetChunk(), range);
        List<String> sourceValues;
        try {
            sourceValues = sourceFigures.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        List<String> differences = new ArrayList<>(aggregates.differences(sourceValues, targetFigures));
        orderProbe(task, source, target, range).ifPresent(differences::add);
        boolean ok = differences.isEmpty();
        new TaskStore(target).markVerified(task.priority(), startedAt, ok, ok ? null : String.join("\n", differences));
        synchronized (this) {
            verifiedNow++;
        }
        if (!ok) {
            log.debug("{} differs: {}", task.chunkDisplay(), differences);
        }
        listener.onEvent(new BackfillEvent.TaskFinished("verify", task.chunkDisplay(), task.hypertableDisplay(),
                Long.parseLong(sourceValues.get(0)), 0, Duration.ofNanos(System.nanoTime() - started), ok,
                ok ? "match" : String.join("; ", differences)));
    }

    /** Where the target chunk is compressed: the {@link OrderProbe} on both sides, in the target's settings. */
    private Optional<String> orderProbe(Task task, Connection source, Connection target, Condition range) {
        CatalogReader targetCatalog = pools.targetCatalog(target);
        Optional<CompressionSettings> settings = targetCatalog.relation(task.targetChunk())
                .flatMap(r -> targetCatalog.chunkState(r.schema(), r.name()))
                .filter(ChunkState::compressed)
                .flatMap(state -> targetCatalog.compressionSettings(task.targetChunk(), state))
                .filter(s -> !s.orderBy().isEmpty());
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        OrderProbe probe = new OrderProbe(settings.get());
        return OrderProbe.difference(probe.compute(pools.sourceCatalog(source).dsl(), task.sourceChunk(), range, false),
                probe.compute(targetCatalog.dsl(), task.targetChunk(), range, true));
    }

    @Override
    public synchronized void failed(Task task, Worker worker, String message) {
        log.debug("verification of {} failed: {}", task.chunkDisplay(), message);
        errors.add(task.chunkDisplay() + ": " + message);
        listener.onEvent(new BackfillEvent.TaskFinished("verify", task.chunkDisplay(), task.hypertableDisplay(), 0, 0,
                Duration.ZERO, false, message));
    }

    @Override
    public synchronized void stuck(String message) {
        errors.add("cannot claim tasks: " + message);
    }
}
