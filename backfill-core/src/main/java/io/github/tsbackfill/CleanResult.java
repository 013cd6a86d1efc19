package io.github.tsbackfill;

import java.util.List;

/**
 * What {@link Backfill#clean} did: {@code dropped} the {@code __backfill} schema (false: there was none), after
 * scheduling again the policy jobs {@code copy --pause-policies} had paused ({@code resumedPolicies}).
 */
public record CleanResult(boolean dropped, List<PausedPolicy> resumedPolicies) {

    public CleanResult {
        resumedPolicies = List.copyOf(resumedPolicies);
    }
}
