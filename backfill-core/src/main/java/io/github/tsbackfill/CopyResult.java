package io.github.tsbackfill;

import java.time.Duration;
import java.util.List;

/**
 * What a copy run did. {@link #ok()} is true when every claimed chunk was copied and the run was not stopped;
 * tasks still pending (stopped, failed) are copied by the next run. {@code caggsToRefresh} names the target's
 * continuous aggregates over copied data: copy does not invalidate them, {@link Backfill#refreshCaggs} refreshes them.
 */
public record CopyResult(List<HypertableCopy> hypertables, List<Failure> failures, List<Skipped> skipped,
                         boolean stopped, int pending, Duration duration, List<String> caggsToRefresh) {

    public CopyResult {
        hypertables = List.copyOf(hypertables);
        failures = List.copyOf(failures);
        skipped = List.copyOf(skipped);
        caggsToRefresh = List.copyOf(caggsToRefresh);
    }

    /**
     * Totals for one hypertable; {@code replacedRows}: rows that were already on the target in the copied ranges
     * and were removed before the copy (an earlier copy's, or the application's).
     */
    public record HypertableCopy(String hypertable, int chunks, int compressedChunks, long rows, long bytes,
                                 long replacedRows, Duration busy) {
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
