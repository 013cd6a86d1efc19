package io.github.tsbackfill.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A half-open range {@code [start, end)} of TimescaleDB internal time values. {@link Long#MIN_VALUE} and
 * {@link Long#MAX_VALUE} stand for an open side, as they do in TimescaleDB's dimension slices.
 */
record TimeRange(long start, long end) {

    boolean openStart() {
        return start == Long.MIN_VALUE;
    }

    boolean openEnd() {
        return end == Long.MAX_VALUE;
    }

    boolean isEmpty() {
        return start >= end;
    }

    boolean overlaps(TimeRange other) {
        return start < other.end && other.start < end;
    }

    /** Overlapping or touching ranges become one, in order, without empty ones. */
    static List<TimeRange> merge(List<TimeRange> ranges) {
        List<TimeRange> sorted = new ArrayList<>(ranges.stream().filter(r -> !r.isEmpty()).toList());
        sorted.sort(Comparator.comparingLong(TimeRange::start));
        List<TimeRange> merged = new ArrayList<>();
        for (TimeRange r : sorted) {
            TimeRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r.start <= last.end) {
                merged.set(merged.size() - 1, new TimeRange(last.start, Math.max(last.end, r.end)));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }

    /** What of {@code ranges} lies outside every range of {@code removed}. */
    static List<TimeRange> subtract(List<TimeRange> ranges, List<TimeRange> removed) {
        List<TimeRange> left = merge(ranges);
        for (TimeRange cut : merge(removed)) {
            List<TimeRange> next = new ArrayList<>();
            for (TimeRange r : left) {
                if (!r.overlaps(cut)) {
                    next.add(r);
                    continue;
                }
                if (r.start < cut.start) {
                    next.add(new TimeRange(r.start, cut.start));
                }
                if (cut.end < r.end) {
                    next.add(new TimeRange(cut.end, r.end));
                }
            }
            left = next;
        }
        return left;
    }
}
