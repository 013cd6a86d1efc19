package io.github.tsbackfill;

import java.time.Duration;
import java.util.List;

/** The refreshes made, in the order they ran (lower caggs before the caggs built on them). */
public record RefreshResult(List<Refreshed> refreshed) {

    public RefreshResult {
        refreshed = List.copyOf(refreshed);
    }

    /**
     * One {@code refresh_continuous_aggregate} call.
     *
     * @param from  the window's inclusive start, in the cagg's time type (widened to whole buckets)
     * @param until the window's exclusive end
     */
    public record Refreshed(String cagg, String from, String until, Duration duration) {
    }
}
