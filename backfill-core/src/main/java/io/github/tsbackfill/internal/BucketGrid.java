package io.github.tsbackfill.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * How a continuous aggregate cuts time into buckets, so that refresh windows lie exactly on its bucket edges: a
 * window one bucket too wide recomputes a bucket whose raw data the target may not have (retention on the source,
 * {@code --from}) and deletes its copied aggregate row.
 */
interface BucketGrid {

    /**
     * For each value, the start of the bucket holding it and the first bucket edge at or after it (the value
     * itself when it is an edge). Open values ({@link Long#MIN_VALUE}, {@link Long#MAX_VALUE}) stay as they are.
     */
    long[][] edges(long[] values);

    /** The buckets holding any value of the ranges, as ranges on bucket edges. */
    default List<TimeRange> covering(List<TimeRange> ranges) {
        return aligned(ranges, FLOOR, CEILING);
    }

    /**
     * The buckets whose start lies in the ranges: what a copied range of a materialization hypertable holds, whose
     * rows are keyed by bucket start.
     */
    default List<TimeRange> startingIn(List<TimeRange> ranges) {
        return aligned(ranges, CEILING, CEILING);
    }

    /** The buckets lying wholly inside the ranges. */
    default List<TimeRange> inside(List<TimeRange> ranges) {
        return aligned(ranges, CEILING, FLOOR);
    }

    int FLOOR = 0;
    int CEILING = 1;

    /** Each range's start and end moved to the bucket edge at or before ({@link #FLOOR}) or after it. */
    private List<TimeRange> aligned(List<TimeRange> ranges, int startEdge, int endEdge) {
        long[][] e = edges(endpoints(ranges));
        List<TimeRange> out = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            out.add(new TimeRange(e[2 * i][startEdge], e[2 * i + 1][endEdge]));
        }
        return TimeRange.merge(out);
    }

    private static long[] endpoints(List<TimeRange> ranges) {
        long[] values = new long[2 * ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            values[2 * i] = ranges.get(i).start();
            values[2 * i + 1] = ranges.get(i).end();
        }
        return values;
    }

    /**
     * Fixed-width buckets over an integer time column: {@code time_bucket(width, value, offset)}. Values outside the
     * column type's range, and edges that would leave it, are open.
     */
    record IntegerBuckets(long width, long offset, long typeMin, long typeMax) implements BucketGrid {

        public IntegerBuckets {
            if (width <= 0) {
                throw new IllegalArgumentException("bucket width " + width);
            }
        }

        @Override
        public long[][] edges(long[] values) {
            long[][] out = new long[values.length][];
            for (int i = 0; i < values.length; i++) {
                long v = values[i];
                if (v <= typeMin) {
                    out[i] = new long[] {Long.MIN_VALUE, Long.MIN_VALUE};
                } else if (v > typeMax) {
                    out[i] = new long[] {Long.MAX_VALUE, Long.MAX_VALUE};
                } else {
                    long floor = floor(v);
                    long ceil = floor == v ? v : next(floor);
                    out[i] = new long[] {floor <= typeMin ? Long.MIN_VALUE : floor, ceil > typeMax ? Long.MAX_VALUE : ceil};
                }
            }
            return out;
        }

        /** Overflow can only happen on bigint columns, beyond any bucket TimescaleDB could hold: open. */
        private long floor(long v) {
            try {
                return Math.addExact(Math.multiplyExact(Math.floorDiv(Math.subtractExact(v, offset), width), width), offset);
            } catch (ArithmeticException e) {
                return Long.MIN_VALUE;
            }
        }

        private long next(long floor) {
            try {
                return Math.addExact(floor, width);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
    }
}
