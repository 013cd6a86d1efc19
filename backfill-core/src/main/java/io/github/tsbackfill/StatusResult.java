package io.github.tsbackfill;

import java.time.Duration;
import java.util.List;

/**
 * Progress of the staged work, per hypertable, read from the task table; with the copy throughput measured so far
 * and the time left at that pace.
 *
 * @param bytesPerSecond bytes sent per second of copying, over all copy runs so far (0 before the first chunk)
 * @param eta            time left for the chunks not copied yet at that pace, from their stage-time estimates;
 *                       null while nothing has been copied
 * @param control        the queue's control, as running processes obey it
 * @param workers        the workers of the copy and verify processes running now, on every host
 * @param pausedPolicies the target's policy jobs paused for the backfill ({@code copy --pause-policies})
 */
public record StatusResult(List<HypertableStatus> hypertables, double bytesPerSecond, Duration eta,
                           ControlSettings control, List<WorkerStatus> workers, List<PausedPolicy> pausedPolicies) {

    public StatusResult {
        hypertables = List.copyOf(hypertables);
        workers = List.copyOf(workers);
        pausedPolicies = List.copyOf(pausedPolicies);
    }

    /**
     * @param failed             tasks not copied whose last attempt failed
     * @param mismatched         tasks whose verification found differences
     * @param skipped            tasks done without copying: the source chunk was gone (counted in copied too)
     * @param rowsReplaced       rows already on the target in the copied ranges, removed before each copy
     * @param estimatedBytes     stage-time estimate of all the hypertable's staged work, as stored on the source
     * @param estimatedBytesLeft the same for the chunks not copied yet
     */
    public record HypertableStatus(String hypertable, int chunks, int copied, int verified, int failed,
                                   int mismatched, int skipped, long rowsCopied, long bytesCopied, long rowsReplaced,
                                   long estimatedBytes, long estimatedBytesLeft) {
    }

    public int chunks() {
        return hypertables.stream().mapToInt(HypertableStatus::chunks).sum();
    }

    public int copied() {
        return hypertables.stream().mapToInt(HypertableStatus::copied).sum();
    }

    public long estimatedBytes() {
        return hypertables.stream().mapToLong(HypertableStatus::estimatedBytes).sum();
    }

    public long estimatedBytesLeft() {
        return hypertables.stream().mapToLong(HypertableStatus::estimatedBytesLeft).sum();
    }
}
