package io.github.tsbackfill;

import java.util.List;

/** Progress of the staged work, per hypertable, read from the task table. */
public record StatusResult(List<HypertableStatus> hypertables) {

    public StatusResult {
        hypertables = List.copyOf(hypertables);
    }

    /**
     * @param failed tasks not copied whose last attempt failed
     * @param mismatched tasks whose verification found differences
     */
    public record HypertableStatus(String hypertable, int chunks, int copied, int verified, int failed,
                                   int mismatched, long rowsCopied, long bytesCopied) {
    }

    public int chunks() {
        return hypertables.stream().mapToInt(HypertableStatus::chunks).sum();
    }

    public int copied() {
        return hypertables.stream().mapToInt(HypertableStatus::copied).sum();
    }
}
