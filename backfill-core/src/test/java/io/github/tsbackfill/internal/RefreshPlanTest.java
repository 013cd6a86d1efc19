package io.github.tsbackfill.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The refresh windows over integer time, where bucket edges are plain arithmetic. */
class RefreshPlanTest {

    private static final int RAW = 1;
    private static final int TENS = 2;
    private static final int HUNDREDS = 3;

    private static RefreshPlan.Cagg cagg(int mat, int raw, long width, boolean selected) {
        return new RefreshPlan.Cagg(mat, raw, "c" + mat, selected,
                new BucketGrid.IntegerBuckets(width, 0, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    private static final RefreshPlan.Cagg TENS_CAGG = cagg(TENS, RAW, 10, true);
    private static final RefreshPlan.Cagg HUNDREDS_CAGG = cagg(HUNDREDS, TENS, 100, true);

    /** Raw rows at 100, 101, ..., 179: none later; materialized rows up to the bucket at 160. */
    private static final RefreshPlan.RowFinder ROWS = new RefreshPlan.RowFinder() {
        @Override
        public OptionalLong latestRead(RefreshPlan.Cagg cagg, TimeRange range) {
            long latest = Math.min(range.end() - 1, 179);
            return latest >= range.start() && latest >= 100 ? OptionalLong.of(latest) : OptionalLong.empty();
        }

        @Override
        public OptionalLong latestMaterialized(RefreshPlan.Cagg cagg) {
            return OptionalLong.of(160);
        }
    };

    private static List<RefreshPlan.Window> plan(List<RefreshPlan.Cagg> caggs, Map<Integer, List<TimeRange>> copied,
                                                 Map<Integer, TimeRange> gaps) {
        return RefreshPlan.plan(caggs, copied, gaps, ROWS);
    }

    private static List<TimeRange> windows(List<RefreshPlan.Window> plan, int mat) {
        return plan.stream().filter(w -> w.cagg().matId() == mat).map(RefreshPlan.Window::range).toList();
    }

    private static TimeRange r(long start, long end) {
        return new TimeRange(start, end);
    }

    @Test
    void windowsAreTheBucketsHoldingCopiedDataNotABucketMore() {
        List<RefreshPlan.Window> plan = plan(List.of(TENS_CAGG, HUNDREDS_CAGG),
                Map.of(RAW, List.of(r(100, 200), r(305, 311))), Map.of());
        assertThat(windows(plan, TENS)).containsExactly(r(100, 200), r(300, 320));
        assertThat(windows(plan, HUNDREDS)).containsExactly(r(100, 200), r(300, 400));
        assertThat(plan).allMatch(w -> w.reason() == RefreshPlan.Reason.COPIED);
    }

    @Test
    void bucketsWhoseRowsWereCopiedKeepThem() {
        // Raw data only from 150 on (retention), the tens cagg's rows copied for buckets starting in [0, 200).
        List<RefreshPlan.Window> plan = plan(List.of(TENS_CAGG, HUNDREDS_CAGG),
                Map.of(RAW, List.of(r(150, 230)), TENS, List.of(r(0, 195))), Map.of());
        assertThat(windows(plan, TENS)).containsExactly(r(200, 230));
        assertThat(windows(plan, HUNDREDS)).as("copied tens rows and the refreshed window changed the hundreds")
                .containsExactly(r(0, 300));
    }

    @Test
    void aCaggWithOnlyCopiedRowsStillMovesItsWatermarkByItsLastWholeBucketWithRows() {
        List<RefreshPlan.Window> plan = plan(List.of(TENS_CAGG),
                Map.of(RAW, List.of(r(95, 200)), TENS, List.of(r(90, 200))), Map.of());
        assertThat(plan).singleElement().satisfies(w -> {
            assertThat(w.reason()).isEqualTo(RefreshPlan.Reason.WATERMARK);
            assertThat(w.range()).as("not past the last materialized bucket: the watermark stops there")
                    .isEqualTo(r(160, 170));
        });
        assertThat(plan(List.of(TENS_CAGG), Map.of(RAW, List.of(r(181, 200)), TENS, List.of(r(90, 200))), Map.of()))
                .as("no whole bucket with rows: nothing safe to refresh").isEmpty();
    }

    @Test
    void theSourceWatermarkGapSkipsWhatIsRefreshedOrKeptAnyway() {
        List<RefreshPlan.Window> plan = plan(List.of(TENS_CAGG),
                Map.of(RAW, List.of(r(100, 200)), TENS, List.of(r(200, 250))), Map.of(TENS, r(150, 500)));
        assertThat(plan).extracting(RefreshPlan.Window::range, RefreshPlan.Window::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(r(100, 200), RefreshPlan.Reason.COPIED),
                org.assertj.core.groups.Tuple.tuple(r(250, 500), RefreshPlan.Reason.SOURCE_WATERMARK));
    }

    @Test
    void unselectedCaggsPassTheirChangesUp() {
        List<RefreshPlan.Window> plan = plan(List.of(cagg(TENS, RAW, 10, false), HUNDREDS_CAGG),
                Map.of(RAW, List.of(r(105, 106))), Map.of());
        assertThat(windows(plan, TENS)).isEmpty();
        assertThat(windows(plan, HUNDREDS)).containsExactly(r(100, 200));
    }

    @Test
    void openRangesAndTypeLimitsNeverOverflow() {
        RefreshPlan.Cagg small = new RefreshPlan.Cagg(TENS, RAW, "small", true,
                new BucketGrid.IntegerBuckets(7, 3, Short.MIN_VALUE, Short.MAX_VALUE));
        List<RefreshPlan.Window> plan = plan(List.of(small),
                Map.of(RAW, List.of(r(Long.MIN_VALUE, -32000), r(32760, Long.MAX_VALUE))), Map.of());
        assertThat(windows(plan, TENS)).containsExactly(r(Long.MIN_VALUE, -31994), r(32756, Long.MAX_VALUE));

        BucketGrid big = new BucketGrid.IntegerBuckets(1000, 0, Long.MIN_VALUE, Long.MAX_VALUE - 1);
        assertThat(big.covering(List.of(r(Long.MIN_VALUE + 5, Long.MAX_VALUE - 5))))
                .containsExactly(r(Long.MIN_VALUE, Long.MAX_VALUE));
    }
}
