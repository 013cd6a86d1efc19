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
}
