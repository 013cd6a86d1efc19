package io.github.tsbackfill;

import java.time.Duration;
import java.util.List;

/**
 * The refreshes made, in the order they ran (lower caggs before the caggs built on them); then the policy jobs
 * {@code copy --pause-policies} paused: {@code resumedPolicies} once every task is copied and every aggregate was
 * considered (no filter), otherwise {@code stillPausedPolicies}.
 */
public record RefreshResult(List<Refreshed> refreshed, List<PausedPolicy> resumedPolicies,
                            List<PausedPolicy> stillPausedPolicies) {

    public RefreshResult {
        refreshed = List.copyOf(refreshed);
        resumedPolicies = List.copyOf(resumedPolicies);
        stillPausedPolicies = List.copyOf(stillPausedPolicies);
    }

    public RefreshResult(List<Refreshed> refreshed) {
        this(refreshed, List.of(), List.of());
    }

    /**
     * One {@code refresh_continuous_aggregate} call.
     *
     * @param from   the window's inclusive start, in the cagg's time type, on a bucket edge ({@code -infinity}: open)
     * @param until  the window's exclusive end ({@code infinity}: open)
     * @param reason why this window: copied data, up to the source's watermark, or moving the watermark past
     *               copied materialized rows
     */
    public record Refreshed(String cagg, String from, String until, String reason, Duration duration) {
    }
}
