package io.github.tsbackfill.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which windows of which continuous aggregates {@code refresh-caggs} refreshes, computed from facts only (the caggs
 * lower first, the ranges copy wrote, the watermark gaps) so that it can be tested without a database.
 * <ul>
 *   <li>A cagg is refreshed over exactly the buckets holding data that changed under it: rows copied into the
 *       hypertable it reads, or a window refreshed in the cagg it reads. Never a bucket more: a bucket whose raw
 *       data the target lacks would be recomputed from nothing.</li>
 *   <li>Buckets whose materialized rows were copied from the source are never recomputed: those rows are the
 *       source's answer, even where the raw data under them is gone (retention) or was not staged.</li>
 *   <li>With the source's watermarks, the buckets between the target's watermark and the source's are refreshed
 *       too, as the original tool does.</li>
 *   <li>A cagg whose rows were copied but that has nothing else to refresh still gets one refresh: TimescaleDB
 *       moves a cagg's watermark past its materialized rows only when a refresh materializes rows, and a real-time
 *       cagg ignores the rows above its watermark. That refresh is of the last bucket that lies wholly inside data
 *       that changed under the cagg, holds rows, and is not after its last materialized bucket: recomputing it
 *       gives what was copied, and the watermark lands where the copied rows end.</li>
 * </ul>
 */
final class RefreshPlan {

    enum Reason {
        COPIED("copied data"),
        SOURCE_WATERMARK("up to the source's watermark"),
        WATERMARK("moves the watermark past copied rows");

        final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    /** A continuous aggregate as the plan sees it. */
    record Cagg(int matId, int rawId, String display, boolean selected, BucketGrid grid) {
    }

    record Window(Cagg cagg, TimeRange range, Reason reason) {
    }

    /** The latest time values of a cagg's tables on the target. */
    interface RowFinder {
        /** In the table the cagg reads, within the range. */
        OptionalLong latestRead(Cagg cagg, TimeRange range);

        /** In the cagg's materialization: its last bucket's start. */
        OptionalLong latestMaterialized(Cagg cagg);
    }

    private RefreshPlan() {
    }

    /**
     * @param caggs         lower caggs first
     * @param copied        per hypertable id (user hypertables and materializations), the ranges copy wrote
     * @param watermarkGaps per materialization id, the target's watermark to the source's, when asked for
     */
    static List<Window> plan(List<Cagg> caggs, Map<Integer, List<TimeRange>> copied,
                             Map<Integer, TimeRange> watermarkGaps, RowFinder rows) {
        Map<Integer, List<TimeRange>> changed = new HashMap<>();
        copied.forEach((id, ranges) -> changed.put(id, new ArrayList<>(ranges)));
        List<Window> plan = new ArrayList<>();
        for (Cagg cagg : caggs) {
            List<TimeRange> kept = cagg.grid().startingIn(copied.getOrDefault(cagg.matId(), List.of()));
            List<TimeRange> windows = TimeRange.subtract(
                    cagg.grid().covering(changed.getOrDefault(cagg.rawId(), List.of())), kept);
            List<TimeRange> gap = watermarkGaps.containsKey(cagg.matId())
                    ? TimeRange.subtract(cagg.grid().covering(List.of(watermarkGaps.get(cagg.matId()))),
                            concat(windows, kept))
                    : List.of();
            // Caggs left out by the filter pass what changed up all the same, unrefreshed. The gap does not: its
            // refresh is not forced, and what it materializes is logged for the caggs above like any change.
            changed.computeIfAbsent(cagg.matId(), k -> new ArrayList<>()).addAll(windows);
            if (!cagg.selected()) {
                continue;
            }
            windows.forEach(w -> plan.add(new Window(cagg, w, Reason.COPIED)));
            gap.forEach(w -> plan.add(new Window(cagg, w, Reason.SOURCE_WATERMARK)));
            if (windows.isEmpty() && gap.isEmpty() && !kept.isEmpty()) {
                lastBucketWithRows(cagg, changed.getOrDefault(cagg.rawId(), List.of()), rows)
                        .ifPresent(b -> plan.add(new Window(cagg, b, Reason.WATERMARK)));
            }
        }
        return plan;
    }

    private static Optional<TimeRange> lastBucketWithRows(Cagg cagg, List<TimeRange> changed, RowFinder rows) {
        OptionalLong top = rows.latestMaterialized(cagg);
        if (top.isEmpty()) {
            return Optional.empty();
        }
        long limit = cagg.grid().covering(List.of(new TimeRange(top.getAsLong(), top.getAsLong() + 1))).get(0).end();
        List<TimeRange> inside = cagg.grid().inside(
                TimeRange.subtract(changed, List.of(new TimeRange(limit, Long.MAX_VALUE))));
        for (int i = inside.size() - 1; i >= 0; i--) {
            OptionalLong latest = rows.latestRead(cagg, inside.get(i));
            if (latest.isPresent()) {
                return Optional.of(cagg.grid().covering(
                        List.of(new TimeRange(latest.getAsLong(), latest.getAsLong() + 1))).get(0));
            }
        }
        return Optional.empty();
    }

    private static List<TimeRange> concat(List<TimeRange> a, List<TimeRange> b) {
        List<TimeRange> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
