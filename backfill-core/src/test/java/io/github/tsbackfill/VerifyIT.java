package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.Capability;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.List;

class VerifyIT {

    @TimescaleTest(versions = TimescaleTest.ALL)
    void reportsEveryKindOfDamageWithItsChunkAndColumn(DatabasePair db) {
        Fixtures.install(db, false);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.cpu$"));
            backfill.copy(new CopyRequest(2));
            VerifyResult copied = backfill.verify(new VerifyRequest(2, true, false));
            assertThat(copied.ok()).as("%s", copied).isTrue();

            db.target().execute(
                    "DELETE FROM metrics.cpu WHERE ts = '2024-01-01 00:00+00' AND device = 1",
                    "INSERT INTO metrics.cpu (ts, device) VALUES ('2024-01-02 00:00+00', 77)",
                    "UPDATE metrics.cpu SET num = num + 1 WHERE ts = '2024-01-03 00:00+00' AND device = 2",
                    "UPDATE metrics.cpu SET label = 'changed' WHERE ts = '2024-01-04 00:00+00' AND device = 2",
                    "UPDATE metrics.cpu SET doc = '{\"x\": 1}' WHERE ts = '2024-01-05 00:00+00' AND device = 2");
            // Swap two values between rows: count/min/max/sum stay equal, only the deep hash sees it.
            db.target().execute("UPDATE metrics.cpu SET big = CASE device WHEN 1 THEN "
                    + "(SELECT big FROM metrics.cpu WHERE ts = '2024-01-06 00:00+00' AND device = 2) ELSE "
                    + "(SELECT big FROM metrics.cpu WHERE ts = '2024-01-06 00:00+00' AND device = 1) END "
                    + "WHERE ts = '2024-01-06 00:00+00' AND device IN (1, 2)");

            VerifyResult shallow = backfill.verify(new VerifyRequest(2, false, true));
            assertThat(shallow.ok()).isFalse();
            assertThat(shallow.mismatches()).hasSize(5);
            assertThat(details(shallow, "2024-01-01")).contains("row count: source 576, target 575");
            assertThat(details(shallow, "2024-01-02")).as("late rows make it 586").contains("row count: source 586, target 587");
            assertThat(details(shallow, "2024-01-03")).anyMatch(d -> d.startsWith("column num: sum"));
            assertThat(details(shallow, "2024-01-04")).anyMatch(d -> d.startsWith("column label: m"));
            // Types without an ordering of their values (jsonb here) are compared by their text form.
            assertThat(details(shallow, "2024-01-05")).anyMatch(d -> d.startsWith("column doc: max (as text)"));

            VerifyResult deep = backfill.verify(new VerifyRequest(2, true, true));
            assertThat(deep.mismatches()).hasSize(6);
            assertThat(details(deep, "2024-01-05")).contains(detail(deep, "2024-01-05"));
            assertThat(details(deep, "2024-01-06")).singleElement().asString().startsWith("row content hash");
        }
    }

    @TimescaleTest(requires = Capability.COMPRESSION, versions = TimescaleTest.ALL)
    void findsDamageInACompressedChunk(DatabasePair db) {
        Fixtures.install(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.cpu$"));
            backfill.copy(new CopyRequest(2));
            db.target().execute("DELETE FROM metrics.cpu WHERE ts = '2024-01-01 00:00+00' AND device = 3");
            VerifyResult result = backfill.verify(new VerifyRequest(2, false, false));
            assertThat(result.mismatches()).hasSize(1);
            assertThat(result.mismatches().get(0).details()).contains("row count: source 576, target 575");
        }
    }

    @TimescaleTest
    void saysWhichChunksAreNotCopiedYet(DatabasePair db) {
        Fixtures.install(db, false);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.cpu$"));
            VerifyResult result = backfill.verify(new VerifyRequest(2, false, false));
            assertThat(result.notCopied()).isEqualTo(10);
            assertThat(result.verifiedNow()).isZero();
            assertThat(result.ok()).isFalse();
        }
    }

    private static List<String> details(VerifyResult result, String day) {
        return result.mismatches().stream().filter(m -> chunkHolds(m, day)).findFirst()
                .map(VerifyResult.Mismatch::details).orElse(List.of());
    }

    private static String detail(VerifyResult result, String day) {
        return details(result, day).stream().filter(d -> d.startsWith("row content hash")).findFirst().orElse("none");
    }

    /** The fixture's cpu chunks are one day each, created in day order: chunk N holds 2024-01-0N. */
    private static boolean chunkHolds(VerifyResult.Mismatch m, String day) {
        int n = Integer.parseInt(day.substring(8));
        return m.chunk().matches(".*_hyper_\\d+_" + n + "_chunk");
    }
}
