package io.github.tsbackfill;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A worker of a running copy or verify process, on any host, as its process last published it (every two seconds).
 *
 * @param worker         {@code host:pid/job-N}, as recorded in the tasks' {@code claimed_by}
 * @param chunk          the chunk it holds; null between chunks or while the queue is paused
 * @param bytes          sent for that chunk so far (copy)
 * @param bytesPerSecond the average since the chunk began
 * @param sinceProgress  how long its bytes have not grown (copy), or since the chunk began (verify)
 */
public record WorkerStatus(String worker, String job, String chunk, OffsetDateTime taskStarted, long bytes,
                           double bytesPerSecond, Duration sinceProgress) {

    /** The worker's process: {@code host:pid}, the part of its name before the '/'. */
    public String process() {
        return worker.substring(0, worker.indexOf('/'));
    }

    /** A copy worker whose chunk has sent nothing for longer than {@code threshold}: a hung route or a stuck lock. */
    public boolean stalled(Duration threshold) {
        return chunk != null && "copy".equals(job) && sinceProgress.compareTo(threshold) > 0;
    }
}
