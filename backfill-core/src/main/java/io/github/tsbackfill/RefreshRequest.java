package io.github.tsbackfill;

/**
 * Which continuous aggregates to refresh on the target after a backfill, and over what: the buckets holding the
 * copied data of the aggregates built (directly or through other caggs) on the copied hypertables, and, when asked,
 * the buckets between each aggregate's watermark on the target and its watermark on the source (what the original
 * tool's {@code refresh-caggs --source} does).
 *
 * @param filter               case-insensitive PostgreSQL regular expression on the caggs' {@code schema.view}, or
 *                             null for all
 * @param cascadeUp            also the caggs built on those the filter matches
 * @param cascadeDown          also the caggs those the filter matches are built on
 * @param force                refresh even where the target has refresh or retention policies enabled on the objects
 *                             involved
 * @param upToSourceWatermarks also refresh up to the source's watermarks (needs the source)
 */
public record RefreshRequest(String filter, boolean cascadeUp, boolean cascadeDown, boolean force,
                             boolean upToSourceWatermarks) {

    public RefreshRequest {
        if (filter != null && filter.isBlank()) {
            filter = null;
        }
    }

    public RefreshRequest(String filter, boolean force) {
        this(filter, false, false, force, false);
    }

    public static RefreshRequest all() {
        return new RefreshRequest(null, false);
    }

    public RefreshRequest withSourceWatermarks() {
        return new RefreshRequest(filter, cascadeUp, cascadeDown, force, true);
    }
}
