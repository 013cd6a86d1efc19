package io.github.tsbackfill.internal;

import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Buckets over a timestamptz, timestamp or date column, fixed or variable (months, time zones), cut by the
 * server's own {@code time_bucket} with the aggregate's width, time zone, origin and offset.
 */
final class TimeBuckets implements BucketGrid {

    /** TimescaleDB's internal range for time types is narrower than a long; values near its ends are open. */
    private static final long LOWEST = -210_866_803_200_000_000L + 2 * 366 * 86_400_000_000L;
    private static final long HIGHEST = 9_223_371_244_799_999_999L - 2 * 366 * 86_400_000_000L;

    private final DSLContext dsl;
    private final CatalogLayout layout;
    private final String width;
    private final String timezone;
    private final String origin;
    private final String offset;

    TimeBuckets(DSLContext dsl, CatalogLayout layout, String width, String timezone, String origin, String offset) {
        this.dsl = dsl;
        this.layout = layout;
        this.width = width;
        this.timezone = timezone;
        this.origin = origin;
        this.offset = offset;
    }

    @Override
    public long[][] edges(long[] values) {
        long[][] out = new long[values.length][];
        Long[] bounded = Arrays.stream(values).map(v -> Math.min(Math.max(v, LOWEST), HIGHEST)).boxed().toArray(Long[]::new);
        List<Record> rows = dsl.resultQuery(SqlResources.load("bucket-edges.sql", layout), width, timezone, origin,
                offset, bounded).fetch();
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            if (v <= LOWEST) {
                out[i] = new long[] {Long.MIN_VALUE, Long.MIN_VALUE};
            } else if (v >= HIGHEST) {
                out[i] = new long[] {Long.MAX_VALUE, Long.MAX_VALUE};
            } else {
                out[i] = new long[] {rows.get(i).get(0, Long.class), rows.get(i).get(1, Long.class)};
            }
        }
        return out;
    }
}
