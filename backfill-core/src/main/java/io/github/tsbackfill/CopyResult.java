package io.github.tsbackfill;

import java.time.Duration;
import java.util.List;

/**
 * What a copy run did. {@link #ok()} is true when every claimed chunk was copied and the run was not stopped;
 * tasks still pending (stopped, failed) are copied by the next run. {@code caggsToRefresh} names the target's
 * continuous aggregates over copied data: copy does not invalidate them, {@link Backfill#refreshCaggs} refreshes them.
 * {@code parallelism}: the workers the run ended with, and with {@code -p auto} what it measured to choose them;
 * {@code pausedPolicies}: the target's policy jobs paused for the backfill (by this run or an earlier one).
 */
public record CopyResult(List<HypertableCopy> hypertables, List<Failure> failures, List<Skipped> skipped,
                         boolean stopped, int pending, Duration duration, List<String> caggsToRefresh,
                         Parallelism parallelism, List<PausedPolicy> pausedPolicies) {

    public CopyResult {
        hypertables = List.copyOf(hypertables);
        failures = List.copyOf(failures);
        skipped = List.copyOf(skipped);
        caggsToRefresh = List.copyOf(caggsToRefresh);
        pausedPolicies = List.copyOf(pausedPolicies);
    }

    /**
     * Totals for one hypertable; {@code replacedRows}: rows that were already on the target in the copied ranges
     * and were removed before the copy (an earlier copy's, or the application's).
     */
    public record HypertableCopy(String hypertable, int chunks, int compressedChunks, long rows, long bytes,
                                 long replacedRows, Duration busy) {
    }

    /**
     * {@code workers}: how many copied at the end; {@code auto}: chosen by {@code -p auto}, which measured the
     * bytes sent per second with each count in {@code measured} ({@code settled}: it had settled when the run ended).
     */
    public record Parallelism(int workers, boolean auto, boolean settled, List<ParallelismStep> measured) {
        public Parallelism {
            measured = List.copyOf(measured);
        }

        public static Parallelism fixed(int workers) {
            return new Parallelism(workers, false, true, List.of());
        }
    }

    /** Throughput measured over one window with {@code workers} workers. */
    public record ParallelismStep(int workers, long bytesPerSecond) {
    }

    /** A task marked done without copying: its source chunk is gone (dropped by retention since stage). */
    public record Skipped(String hypertable, String chunk, String reason) {
    }

    /** A chunk that failed; its task stays pending with this message recorded. */
    public record Failure(String hypertable, String chunk, String message) {
    }

    public int chunks() {
        return hypertables.stream().mapToInt(HypertableCopy::chunks).sum();
    }

    public long rows() {
        return hypertables.stream().mapToLong(HypertableCopy::rows).sum();
    }

    public long replacedRows() {
        return hypertables.stream().mapToLong(HypertableCopy::replacedRows).sum();
    }

    public long bytes() {
        return hypertables.stream().mapToLong(HypertableCopy::bytes).sum();
    }

    public boolean ok() {
        return failures.isEmpty() && !stopped;
    }
}
