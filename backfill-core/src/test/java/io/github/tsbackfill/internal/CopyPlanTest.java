package io.github.tsbackfill.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.CopyMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CopyPlanTest {

    private static final CatalogLayout V2_22 = CatalogLayout.of("2.22.1");
    private static final CatalogLayout V2_29 = CatalogLayout.of("2.29.2");
    private static final ChunkState PLAIN = new ChunkState(0, null);
    private static final ChunkState COMPRESSED = new ChunkState(1, "\"s\".\"c\"");
    private static final CompressionSettings DEV_TS_DESC = settings(List.of("dev"), List.of("ts"), true, true, null);
    private static final List<Column> SHAPE = List.of(new Column("ts", "compressed_data", true, false, false),
            new Column("_ts_meta_count", "integer", true, true, true));

    @ParameterizedTest(name = "routed {0}, filtered {1}, status {2}, target compresses {3}, {4} -> {5}, caggs {6}: {7}")
    @CsvSource({
        "false, false, 0, true, 2.29.2, 2.29.2, false, ROWS",
        "true, false, 1, false, 2.29.2, 2.19.3, false, ROWS",
        "false, false, 1, false, 2.29.2, 2.29.2, false, ROWS",
        "false, true, 1, true, 2.29.2, 2.29.2, false, ROWS",
        "false, false, 1, true, 2.29.2, 2.22.1, false, RECOMPRESSED",
        "false, false, 3, true, 2.29.2, 2.29.2, false, RECOMPRESSED",
        "false, false, 1, true, 2.22.1, 2.29.2, false, COMPRESSED",
        "false, false, 9, true, 2.29.2, 2.29.2, false, COMPRESSED",
        "false, false, 5, true, 2.29.2, 2.29.2, false, COMPRESSED",
        "false, false, 1, true, 2.13.1, 2.13.1, false, COMPRESSED",
        "false, false, 1, true, 2.13.1, 2.17.2, true, RECOMPRESSED",
        "false, false, 1, true, 2.13.1, 2.18.0, true, COMPRESSED",
    })
    void decidesFromTheSituation(boolean routed, boolean filtered, int status, boolean targetCompresses,
                                 String source, String target, boolean caggs, CopyMode expected) {
        CopyPlan plan = CopyPlan.decide(new CopyPlan.Situation(routed, filtered,
                new ChunkState(status, status == 0 ? null : "\"s\".\"c\""), CatalogLayout.of(source),
                CatalogLayout.of(target), targetCompresses, caggs));
        assertThat(plan.mode()).isEqualTo(expected);
        assertThat(plan.reason() == null).as("a reason exactly where the mode is not the plain one")
                .isEqualTo(status == 0 || expected == CopyMode.COMPRESSED);
    }

    @Test
    void anUncompressedChunkNeedsNoReason() {
        assertThat(CopyPlan.decide(new CopyPlan.Situation(false, false, PLAIN, V2_22, V2_29, true, false)))
                .isEqualTo(new CopyPlan(CopyMode.ROWS, null));
        assertThat(COMPRESSED.compressed()).isTrue();
    }

    @Test
    void equalSettingsAndShapeKeepTheCompressedData() {
        assertThat(CopyPlan.confirm(Optional.of(DEV_TS_DESC), DEV_TS_DESC, SHAPE, SHAPE).mode())
                .isEqualTo(CopyMode.COMPRESSED);
    }

    @Test
    void everySettingThatShapesTheDataForcesARecompression() {
        List<CompressionSettings> others = List.of(
                settings(List.of("dev"), List.of("ts"), false, false, null),
                settings(List.of("dev"), List.of("ts"), true, false, null),
                settings(List.of(), List.of("ts"), true, true, null),
                settings(List.of("dev"), List.of("ts", "v"), true, true, null),
                settings(List.of("dev", "v"), List.of("ts"), true, true, null));
        for (CompressionSettings other : others) {
            CopyPlan plan = CopyPlan.confirm(Optional.of(DEV_TS_DESC), other, SHAPE, SHAPE);
            assertThat(plan.mode()).as("%s", other).isEqualTo(CopyMode.RECOMPRESSED);
            assertThat(plan.reason()).startsWith("compression settings differ");
        }
        assertThat(CopyPlan.confirm(Optional.of(DEV_TS_DESC), settings(List.of("dev"), List.of("ts"), false, false,
                null), SHAPE, SHAPE).reason()).contains("orderby (ts DESC) vs (ts)");
    }

    @Test
    void sparseIndexesCountWhereBothSidesStoreThem() {
        CompressionSettings minmax = settings(List.of("dev"), List.of("ts"), true, true, "[{\"type\": \"minmax\"}]");
        CompressionSettings bloom = settings(List.of("dev"), List.of("ts"), true, true, "[{\"type\": \"bloom\"}]");
        assertThat(CopyPlan.confirm(Optional.of(minmax), bloom, SHAPE, SHAPE).mode()).isEqualTo(CopyMode.RECOMPRESSED);
        assertThat(CopyPlan.confirm(Optional.of(minmax), DEV_TS_DESC, SHAPE, SHAPE).mode()).isEqualTo(CopyMode.COMPRESSED);
    }

    @Test
    void unreadableSettingsOrOtherColumnsForceARecompression() {
        assertThat(CopyPlan.confirm(Optional.empty(), DEV_TS_DESC, SHAPE, SHAPE).mode())
                .isEqualTo(CopyMode.RECOMPRESSED);
        List<Column> other = List.of(SHAPE.get(0), new Column("_ts_meta_v2_min_ts", "timestamptz", true, true, false));
        assertThat(CopyPlan.confirm(Optional.of(DEV_TS_DESC), DEV_TS_DESC, SHAPE, other).reason())
                .startsWith("compressed columns differ");
    }

    @Test
    void orderbyIsSpelledAsCompressOrderbyTakesIt() {
        assertThat(settings(List.of(), List.of("a", "b", "c"), false, false, null).orderByText()).isEqualTo("a, b, c");
        assertThat(new CompressionSettings(List.of(), List.of("a", "b"), List.of(true, false), List.of(false, true),
                null).orderByText()).isEqualTo("a DESC NULLS LAST, b NULLS FIRST");
    }

    private static CompressionSettings settings(List<String> segmentBy, List<String> orderBy, boolean desc,
                                                boolean nullsFirst, String index) {
        return new CompressionSettings(segmentBy, orderBy, orderBy.stream().map(o -> desc).toList(),
                orderBy.stream().map(o -> nullsFirst).toList(), index);
    }
}
