package io.github.tsbackfill;

/**
 * Which continuous aggregates to refresh on the target after a backfill: those built (directly or through other
 * caggs) on the copied hypertables, over exactly the copied time ranges.
 *
 * @param filter case-insensitive PostgreSQL regular expression on the caggs' {@code schema.view}, or null for all
 * @param force  refresh even where the target has refresh or retention policies enabled on the objects involved
 */
public record RefreshRequest(String filter, boolean force) {

    public RefreshRequest {
        if (filter != null && filter.isBlank()) {
            filter = null;
        }
    }

    public static RefreshRequest all() {
        return new RefreshRequest(null, false);
    }
}
