package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** stage --dry-run: the same figures as the real stage, nothing written; estimates against what copy then moved. */
class DryRunIT {

    private static final String TARGET_CHUNKS = "SELECT count(*) FROM timescaledb_information.chunks";

    private static List<StageResult> stageAll(Backfill backfill, boolean dryRun) {
        StageRequest time = StageRequest.until("2030-01-01").withFilter("^(metrics\\.(cpu|readings|daily|space)|odd schema\\..*)$");
        StageRequest integer = StageRequest.until("1000000").withFilter("^metrics\\.events_");
        return List.of(backfill.stage(dryRun ? time.asDryRun() : time), backfill.stage(dryRun ? integer.asDryRun() : integer));
    }

    private static Map<String, StageResult.HypertableStage> byHypertable(List<StageResult> results) {
        return results.stream().flatMap(r -> r.hypertables().stream())
                .collect(Collectors.toMap(StageResult.HypertableStage::hypertable, Function.identity()));
    }

    @TimescaleTest(versions = TimescaleTest.ALL)
    void predictsWhatStageDoesAndWritesNothing(DatabasePair db) {
        Fixtures.Installed fixture = Fixtures.install(db);
        db.source().execute("ANALYZE");
        long chunksBefore = db.target().queryLong(TARGET_CHUNKS);
        try (Backfill backfill = TestBackfills.open(db)) {
            List<StageResult> dry = stageAll(backfill, true);
            assertThat(dry).allSatisfy(r -> assertThat(r.dryRun()).isTrue());
            assertThat(db.target().queryValue("SELECT to_regnamespace('__backfill')")).as("no __backfill schema").isNull();
            assertThat(db.target().queryLong(TARGET_CHUNKS)).as("no chunk created").isEqualTo(chunksBefore);

            Map<String, StageResult.HypertableStage> predicted = byHypertable(dry);
            Map<String, StageResult.HypertableStage> staged = byHypertable(stageAll(backfill, false));
            assertThat(predicted).hasSize(fixture.hypertables().size());
            assertThat(predicted).as("a dry run predicts the real stage exactly").isEqualTo(staged);
            fixture.hypertables().forEach(h -> {
                StageResult.HypertableStage p = predicted.get(h.schema() + "." + h.table());
                assertThat(p.chunks()).isEqualTo(h.chunks());
                assertThat(p.compressed()).isEqualTo(h.compressedChunks());
                assertThat(p.estimatedRows()).as("rows of %s from statistics", h.qualifiedName()).isEqualTo(h.rows());
            });

            StageResult.HypertableStage again = byHypertable(stageAll(backfill, true)).get("metrics.cpu");
            assertThat(again.inserted()).as("already staged").isZero();
            assertThat(again.widened()).isZero();
            // A target that cannot create chunks (Apache license) takes rows through the hypertable.
            boolean routed = "apache".equals(db.target().queryString("SELECT current_setting('timescaledb.license')"));
            assertThat(again.newTargetChunks()).as("stage creates no chunk, copy does")
                    .isEqualTo(predicted.get("metrics.cpu").newTargetChunks()).isEqualTo(routed ? 0 : 10);
            assertThat(db.target().queryLong(TARGET_CHUNKS)).isEqualTo(chunksBefore);
            backfill.copy(new CopyRequest(2));
            assertThat(byHypertable(stageAll(backfill, true)).get("metrics.cpu").newTargetChunks()).isZero();
        }
    }

    @TimescaleTest
    void estimatesMatchTheCopyAndStatusGivesTheTimeLeft(DatabasePair db) {
        Fixtures.install(db);
        db.source().execute("ANALYZE");
        try (Backfill backfill = TestBackfills.open(db)) {
            StageResult predicted = backfill.stage(StageRequest.until("2024-01-03T12:00:00Z").withFilter("^metrics\\.(cpu|readings)$"));
            assertThat(backfill.status().eta()).as("nothing copied yet, no pace").isNull();
            CopyResult copied = backfill.copy(new CopyRequest(2));
            for (CopyResult.HypertableCopy h : copied.hypertables()) {
                StageResult.HypertableStage p = predicted.hypertables().stream()
                        .filter(s -> s.hypertable().equals(h.hypertable())).findFirst().orElseThrow();
                // A chunk crossing --until is estimated by the share of its time slice in range.
                assertThat((double) p.estimatedRows()).as("rows of %s", h.hypertable()).isCloseTo(h.rows(),
                        org.assertj.core.data.Percentage.withPercentage(10));
                if (p.compressed() == 0) {
                    // Rows times their binary COPY width from pg_stats; compressed data is estimated at its size
                    // on disk and travels detoasted, so it has no such bound.
                    assertThat((double) p.estimatedBytes() / h.bytes()).as("estimated vs sent bytes of %s", h.hypertable())
                            .isBetween(0.8, 1.25);
                }
            }

            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.(cpu|readings)$"));
            StatusResult status = backfill.status();
            assertThat(status.estimatedBytesLeft()).isPositive();
            assertThat(status.bytesPerSecond()).isPositive();
            assertThat(status.eta()).isNotNull().isPositive();
        }
    }
}
