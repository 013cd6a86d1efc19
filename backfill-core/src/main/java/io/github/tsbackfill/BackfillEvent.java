package io.github.tsbackfill;

import java.time.Duration;

/** Progress of stage, copy and verify, as immutable values. */
public sealed interface BackfillEvent {

    /** Stage found the chunks of one hypertable and recorded {@code tasks} of them. */
    record HypertableStaged(String hypertable, int tasks, int skipped) implements BackfillEvent { }

    /** A worker starts on a task; {@code total} tasks were pending when the run started. */
    record TaskStarted(String operation, String chunk, String hypertable, int total) implements BackfillEvent { }

    /** Bytes and rows streamed so far for a chunk being copied (sent every few megabytes). */
    record CopyProgress(String chunk, long rows, long bytes) implements BackfillEvent { }

    /** A task finished: copied (rows, bytes) or verified (rows = rows compared). */
    record TaskFinished(String operation, String chunk, String hypertable, long rows, long bytes,
                        Duration duration, boolean ok, String message) implements BackfillEvent { }

    /**
     * A task failed on a transient error ({@code message}) and was rolled back; this run tries it again, for the
     * {@code attempt}th time, after {@code pause}.
     */
    record TaskRetrying(String operation, String chunk, String hypertable, int attempt, Duration pause,
                        String message) implements BackfillEvent { }

    /** The run now works with {@code workers} workers ({@code -p auto} or the queue's control); {@code reason} says why. */
    record ParallelismChanged(String operation, int workers, String reason) implements BackfillEvent { }
}
