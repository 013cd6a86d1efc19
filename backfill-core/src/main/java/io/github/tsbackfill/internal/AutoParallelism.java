package io.github.tsbackfill.internal;

import io.github.tsbackfill.CopyResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * {@code -p auto}: hill climbing on the bytes a process sends per second. It starts with one worker and adds one
 * while each addition brings at least a tenth more throughput; the first that does not is taken back, and the
 * run settles on the best count. Settled, it backs off by one worker when the throughput falls below 70% of what
 * it settled at (the source or the target slowed: more sessions only add to their load), and every few windows
 * probes one more worker in case the servers have room again. A window in which not every worker held a chunk
 * (the queue is draining, the operator paused it) measures nothing and changes nothing.
 */
final class AutoParallelism {

    static final Duration WINDOW = Duration.ofSeconds(6);
    /** A new worker first claims a chunk and opens its COPY: not counted. */
    private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final double WORTH_A_WORKER = 1.10;
    private static final double SLOWED = 0.70;
    private static final int SETTLED_WINDOWS_BEFORE_PROBE = 5;

    private final int max;
    private final long windowNanos;
    private final BiConsumer<Integer, String> changed;
    private final List<CopyResult.ParallelismStep> measured = new ArrayList<>();
    private int workers = 1;
    private boolean settled;
    /** The best step while climbing, or the level settled at. */
    private CopyResult.ParallelismStep best;
    private int settledWindows;
    private long changedAt = Long.MIN_VALUE;
    private long windowStart;
    private long windowBytes = -1;

    /** {@code changed}: told the new worker count and why, on every change. */
    AutoParallelism(int max, Duration window, BiConsumer<Integer, String> changed) {
        this.max = max;
        this.windowNanos = window.toNanos();
        this.changed = changed;
    }

    synchronized int workers() {
        return workers;
    }

    synchronized boolean settled() {
        return settled;
    }

    /** Every window measured, in order. */
    synchronized List<CopyResult.ParallelismStep> measured() {
        return List.copyOf(measured);
    }

    /**
     * Takes one observation: {@code now} (System.nanoTime), all the bytes the process has sent so far and how many
     * workers hold a chunk at this moment.
     */
    synchronized void observe(long now, long bytesSent, int busy) {
        if (changedAt == Long.MIN_VALUE) {
            changedAt = now;
        }
        if (windowBytes < 0) {
            if (now - changedAt >= WARM_UP_NANOS) {
                windowStart = now;
                windowBytes = bytesSent;
            }
            return;
        }
        if (busy < workers) {
            restartWindow(now);
            return;
        }
        long elapsed = now - windowStart;
        if (elapsed < windowNanos) {
            return;
        }
        long rate = Math.round((bytesSent - windowBytes) * 1e9 / elapsed);
        CopyResult.ParallelismStep step = new CopyResult.ParallelismStep(workers, rate);
        measured.add(step);
        decide(step, now);
    }

    private void decide(CopyResult.ParallelismStep step, long now) {
        if (!settled) {
            if (best == null || step.bytesPerSecond() >= best.bytesPerSecond() * WORTH_A_WORKER) {
                best = step;
                if (workers < max) {
                    change(workers + 1, now, "climbing: " + rate(step) + " with " + step.workers());
                } else {
                    settle(step, now, "settled at the maximum: " + rate(step));
                }
            } else {
                settle(best, now, "settled: " + rate(best) + " with " + best.workers() + ", " + rate(step) + " with "
                        + step.workers());
            }
            return;
        }
        if (step.bytesPerSecond() < best.bytesPerSecond() * SLOWED && workers > 1) {
            String why = "backing off: " + rate(step) + ", down from the " + rate(best) + " settled at";
            best = new CopyResult.ParallelismStep(workers - 1, step.bytesPerSecond());
            settledWindows = 0;
            change(workers - 1, now, why);
        } else if (++settledWindows >= SETTLED_WINDOWS_BEFORE_PROBE && workers < max) {
            settled = false;
            best = step;
            change(workers + 1, now, "probing: " + rate(step) + " with " + workers);
        } else {
            restartWindow(now);
        }
    }

    private void settle(CopyResult.ParallelismStep at, long now, String why) {
        settled = true;
        settledWindows = 0;
        best = at;
        if (at.workers() != workers) {
            change(at.workers(), now, why);
        } else {
            restartWindow(now);
            changed.accept(workers, why);
        }
    }

    private void change(int to, long now, String why) {
        workers = to;
        changedAt = now;
        windowBytes = -1;
        changed.accept(to, why);
    }

    private void restartWindow(long now) {
        changedAt = now - WARM_UP_NANOS;
        windowBytes = -1;
    }

    private static String rate(CopyResult.ParallelismStep step) {
        return String.format("%.1f MB/s", step.bytesPerSecond() / 1e6);
    }
}
