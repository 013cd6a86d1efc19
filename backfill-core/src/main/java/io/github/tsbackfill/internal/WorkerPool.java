package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillEvent;
import io.github.tsbackfill.BackfillListener;
import io.github.tsbackfill.CopyResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N workers over the task queue. Each loops: open a target transaction, claim one task (SKIP LOCKED), let the
 * job process it with a repeatable-read source transaction, commit both. A failed task is rolled back; on a
 * {@link Transient} failure it is tried again by this run, up to {@code retries} more times after a pause that
 * doubles each time (1 s, 2 s, 4 s... up to 30 s, with jitter so that workers cut off together do not return
 * together); otherwise it is reported to the job and not claimed again by this run. Other workers go on.
 * Before each claim a worker waits for its turn under the operator's control (see {@link RunControl}). A worker
 * that finds nothing to claim leaves only when no other worker of the run holds a task (which could fail and need
 * another attempt) and no task awaits one; until then it looks again whenever another worker's claim ends.
 */
final class WorkerPool {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private static final int CLAIM_ATTEMPTS = 5;

    /** What the workers do with each task. */
    interface Job {
        /** Claims the next task on the target connection, in its open transaction. */
        Optional<Task> claim(TaskStore store, Set<Long> skip);

        /** Works on a claimed task; records the outcome in the task row before returning. */
        void process(Task task, Connection source, Connection target, Worker worker) throws SQLException;

        /** The task failed transiently and was rolled back; it is tried again after {@code pause}. */
        default void retrying(Task task, Worker worker, String message, int attempt, Duration pause) {
            log.warn("{} failed ({}); trying again in {} ms", task.chunkDisplay(), message, pause.toMillis());
        }

        /** The task failed and was rolled back; {@code message} is one line. */
        void failed(Task task, Worker worker, String message);

        /** Workers could not claim tasks at all (e.g. the target is gone). */
        void stuck(String message);
    }

    private static final long FIRST_PAUSE_MILLIS = 1_000;
    private static final long LONGEST_PAUSE_MILLIS = 30_000;

    private final Pools pools;
    private final StopControl stop;
    private final BackfillListener listener;
    private final int retries;
    private final long maxRate;
    /** Failed attempts per task in this run. */
    private final Map<Long, Integer> attempts = new ConcurrentHashMap<>();
    /** Tasks waiting out their pause before the next attempt, with when it ends (System.nanoTime). */
    private final Map<Long, Long> pausedUntil = new ConcurrentHashMap<>();
    /**
     * Guards {@code inFlight} and {@code ends}, and is notified at each end of a claim, so that idle workers look
     * again at once. A worker decides to leave or to wait under it, so it never misses the end it waits for.
     */
    private final Object claims = new Object();
    /** Workers between the start of a claim and the end of its task: a worker leaves only when it is the last. */
    private int inFlight;
    /** Ends of claims so far. */
    private long ends;

    /** {@code maxRate}: bytes per second for all the workers together, 0 for no limit. */
    WorkerPool(Pools pools, StopControl stop, BackfillListener listener, int retries, long maxRate) {
        this.pools = pools;
        this.stop = stop;
        this.listener = listener;
        this.retries = retries;
        this.maxRate = maxRate;
    }

    /**
     * Runs {@code parallelism} workers, or with {@code auto} as many of them as measurably help; returns how many
     * worked at the end.
     */
    CopyResult.Parallelism run(int parallelism, boolean auto, String name, Job job) {
        Set<Long> failedHere = ConcurrentHashMap.newKeySet();
        AtomicInteger workerNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "backfill-" + name + "-" + workerNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        RunControl.Options options = new RunControl.Options(parallelism, auto, maxRate, (workers, why) -> {
            log.info("{} worker(s): {}", workers, why);
            listener.onEvent(new BackfillEvent.ParallelismChanged(name, workers, why));
        });
        RunControl control = new RunControl(pools, name, options, stop);
        try (control) {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 1; i <= parallelism; i++) {
                Worker worker = control.worker(i);
                workers.add(executor.submit(() -> work(job, failedHere, control, worker)));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            // The caller's thread was interrupted: a forced stop. The flag is set again once the run has
            // reported (see StopControl#interrupted), so the result can still be read from the target.
            stop.interrupted();
        } catch (ExecutionException e) {
            job.stuck("worker crashed: " + Errors.describe(e.getCause()));
        } finally {
            executor.shutdownNow();
            awaitWorkers(executor);
        }
        return control.parallelism();
    }

    private static void awaitWorkers(ExecutorService executor) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!executor.isTerminated() && System.nanoTime() < deadline) {
            try {
                executor.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // Forced already: the workers' statements are aborted and end in moments.
            }
        }
    }

    private void work(Job job, Set<Long> failedHere, RunControl control, Worker worker) {
        int claimErrors = 0;
        while (control.awaitTurn(worker)) {
            Long waitUntil = null; // System.nanoTime to sleep until before the next claim
            long waitWhileEnds = 0; // ...or until another claim ends: while ends is this
            try (Connection target = pools.target(); Connection source = pools.source()) {
                stop.register(target);
                stop.register(source);
                synchronized (claims) {
                    inFlight++;
                }
                try {
                    Sessions.name(target, worker.applicationName());
                    Sessions.name(source, worker.applicationName());
                    target.setAutoCommit(false);
                    Optional<Task> task = job.claim(new TaskStore(target), skipNow(failedHere));
                    claimErrors = 0;
                    if (task.isEmpty()) {
                        target.rollback();
                        synchronized (claims) {
                            if (pausedUntil.isEmpty() && inFlight == 1) {
                                control.drained();
                                return;
                            }
                            waitWhileEnds = ends + 1; // this claim's own end comes first
                        }
                        // What is left is pausing before another attempt, or held by other workers of this run,
                        // whose chunk may fail and come back even if they are held back by then: wait for it
                        // without connections, until another worker's claim ends at the latest.
                        waitUntil = pausedUntil.values().stream().min(Long::compare).orElse(System.nanoTime()
                                + TimeUnit.SECONDS.toNanos(5));
                        continue;
                    }
                    if (failedHere.contains(task.get().priority())) {
                        // The claim's skip list was read just before another worker failed this task and let go.
                        target.rollback();
                        continue;
                    }
                    worker.begin(task.get());
                    processOne(job, task.get(), source, target, failedHere, worker);
                } finally {
                    synchronized (claims) {
                        inFlight--;
                        ends++;
                        claims.notifyAll();
                    }
                    worker.end();
                    stop.unregister(target);
                    stop.unregister(source);
                }
            } catch (SQLException | RuntimeException e) {
                if (stop.forced()) {
                    return;
                }
                if (++claimErrors >= CLAIM_ATTEMPTS) {
                    job.stuck(Errors.describe(e));
                    return;
                }
                log.warn("worker cannot claim a task (attempt {} of {}): {}", claimErrors, CLAIM_ATTEMPTS,
                        Errors.describe(e));
                pause();
            } finally {
                if (waitUntil != null) {
                    sleepUntil(waitUntil, waitWhileEnds);
                }
            }
        }
    }

    private void processOne(Job job, Task task, Connection source, Connection target, Set<Long> failedHere,
                            Worker worker) throws SQLException {
        try {
            source.setAutoCommit(false);
            source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            source.setReadOnly(true);
            if (task.snapshot() != null) {
                Snapshots.use(source, task.snapshot());
            }
            // PostgreSQL releases a transaction's locks the moment a statement fails, long before our rollback;
            // a failure inside a savepoint releases only the savepoint's, so the task stays claimed until then.
            target.setSavepoint();
            job.process(task, source, target, worker);
            target.commit();
            source.commit();
        } catch (SQLException | RuntimeException e) {
            int attempt = attempts.merge(task.priority(), 1, Integer::sum);
            boolean again = attempt <= retries && Transient.is(e) && !stop.stopRequested();
            if (!again) {
                // Before the rollback lets go of the task, so a worker that claims it next sees it failed.
                failedHere.add(task.priority());
            }
            rollbackQuietly(target);
            rollbackQuietly(source);
            if (stop.forced()) {
                return;
            }
            if (again) {
                // Claimed again once the pause is over, by whichever worker is free; this one goes on meanwhile.
                Duration pause = backoff(attempt);
                pausedUntil.put(task.priority(), System.nanoTime() + pause.toNanos());
                job.retrying(task, worker, Errors.describe(e), attempt, pause);
                listener.onEvent(new BackfillEvent.TaskRetrying(worker.job(), task.chunkDisplay(),
                        task.hypertableDisplay(), attempt + 1, pause, Errors.describe(e)));
            } else {
                job.failed(task, worker, Errors.describe(e));
            }
        }
    }

    /** The tasks not to claim now: failed in this run, or still pausing before another attempt. */
    private Set<Long> skipNow(Set<Long> failedHere) {
        long now = System.nanoTime();
        pausedUntil.values().removeIf(until -> until - now <= 0);
        Set<Long> skip = new java.util.HashSet<>(failedHere);
        skip.addAll(pausedUntil.keySet());
        return skip;
    }

    /** 1 s, 2 s, 4 s... up to 30 s, each between half and all of it. */
    private static Duration backoff(int attempt) {
        long full = Math.min(LONGEST_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt - 1, 20));
        return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
    }

    /**
     * Sleeps until {@code until} (System.nanoTime), until a claim ends ({@code ends} moves past {@code whileEnds}),
     * or until a stop is requested.
     */
    private void sleepUntil(long until, long whileEnds) {
        synchronized (claims) {
            while (!stop.stopRequested() && ends == whileEnds && System.nanoTime() - until < 0) {
                try {
                    claims.wait(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // broken connection: the server rolls back on its own
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
