package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.FixtureHypertable;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.List;

class StageIT {

    private static final String PROGRESS = "select hypertable_schema, hypertable_name, count(*) as total_chunks, "
            + "count(worked) as finished_chunks, count(worked is null) pending_chunks from __backfill.task group by 1, 2 "
            + "order by 1, 2";

    @TimescaleTest(versions = TimescaleTest.ALL)
    void stagesOneTaskPerChunkForEveryTimeType(DatabasePair db) {
        Fixtures.Installed fixture = Fixtures.install(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            TestBackfills.stageAll(backfill);
        }
        for (FixtureHypertable h : fixture.hypertables()) {
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE hypertable_schema = '"
                    + h.schema().replace("'", "''") + "' AND hypertable_name = '" + h.table().replace("'", "''") + "'"))
                    .as("tasks of %s", h.qualifiedName()).isEqualTo(h.chunks());
        }
        // The seed's progress query works verbatim.
        List<List<Object>> progress = db.target().query(PROGRESS);
        assertThat(progress).hasSize(fixture.hypertables().size());
        assertThat(progress).allSatisfy(row -> assertThat(row.get(3)).isEqualTo(0L));
    }

    @TimescaleTest(versions = TimescaleTest.ALL)
    void writesOnlyTasksAndCopyCreatesTheMatchingTargetChunks(DatabasePair db) {
        Fixtures.install(db);
        String chunks = "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name IN ('cpu', 'space')";
        boolean routed = "apache".equals(db.target().queryString("SELECT current_setting('timescaledb.license')"));
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.(cpu|space)$"));
            assertThat(db.target().queryLong(chunks)).isZero();
            // Routed tasks name the hypertable itself as their target (always quoted); the others none yet.
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE target_chunk = "
                    + "'\"' || hypertable_schema || '\".\"' || hypertable_name || '\"'")).isEqualTo(routed ? 20 : 0);
            assertThat(backfill.copy(new CopyRequest(2)).ok()).isTrue();
        }
        // Apache: the target's own chunk interval decides; otherwise the same slices as on the source.
        assertThat(db.target().queryLong(chunks)).isEqualTo(20);
        assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task t WHERE to_regclass(t.target_chunk) "
                + "IS NOT NULL")).isEqualTo(20);
    }

    @TimescaleTest
    void filtersCaseInsensitivelyWithAnchors(DatabasePair db) {
        Fixtures.install(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            StageResult staged = backfill.stage(StageRequest.until("2030-01-01").withFilter("^METRICS\\.(CPU|Readings)$"));
            assertThat(staged.hypertables()).extracting(StageResult.HypertableStage::hypertable)
                    .containsExactly("metrics.cpu", "metrics.readings");
            assertThat(backfill.stage(StageRequest.until("2030-01-01").withFilter("tëst")).hypertables())
                    .extracting(StageResult.HypertableStage::hypertable).containsExactly("Odd Schema.Tëst \"Table\"");
            assertThatThrownBy(() -> backfill.stage(StageRequest.until("2030-01-01").withFilter("^nothing$")))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("--filter")
                    .hasMessageContaining("matches no hypertable");
            assertThatThrownBy(() -> backfill.stage(StageRequest.until("2030-01-01").withFilter("(unclosed")))
                    .isInstanceOf(BackfillException.class).hasMessageContaining("--filter: invalid regular expression");
        }
    }

    @TimescaleTest
    void rejectsBoundsThatDoNotFitTheTimeType(DatabasePair db) {
        Fixtures.install(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            assertThatThrownBy(() -> backfill.stage(StageRequest.until("2030-01-01").withFilter("events_big")))
                    .isInstanceOf(BackfillException.class)
                    .hasMessage("--until: '2030-01-01' is not a valid bigint for hypertable metrics.events_big (time column at)");
            assertThatThrownBy(() -> backfill.stage(StageRequest.until("not a date").withFilter("cpu")))
                    .hasMessageStartingWith("--until: 'not a date' is not a valid timestamp with time zone");
            assertThatThrownBy(() -> backfill.stage(StageRequest.until("2024-01-02").withFrom("2024-01-03").withFilter("cpu")))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("--from");
            assertThat(db.target().queryString("SELECT to_regnamespace('__backfill')")).as("nothing written").isNull();
        }
    }

    @TimescaleTest(versions = TimescaleTest.ALL)
    void restagingDoesNotDuplicateAndWidensTheRange(DatabasePair db) {
        Fixtures.install(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            StageResult first = backfill.stage(StageRequest.until("2024-01-03T12:00:00Z").withFilter("^metrics\\.cpu$"));
            assertThat(first.inserted()).isEqualTo(3);
            StageResult same = backfill.stage(StageRequest.until("2024-01-03T12:00:00Z").withFilter("^metrics\\.cpu$"));
            assertThat(same.inserted()).isZero();
            assertThat(same.widened()).isZero();
            backfill.copy(new CopyRequest(2));
            StageResult wider = backfill.stage(StageRequest.until("2024-01-05T00:00:00Z").withFilter("^metrics\\.cpu$"));
            assertThat(wider.inserted()).isEqualTo(1);
            assertThat(wider.widened()).as("the boundary chunk of the first stage").isEqualTo(1);
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task")).isEqualTo(4);
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE worked IS NULL")).isEqualTo(2);
            backfill.copy(new CopyRequest(2));
            assertThat(db.target().queryLong("SELECT count(*) FROM metrics.cpu"))
                    .isEqualTo(db.source().queryLong("SELECT count(*) FROM metrics.cpu WHERE ts < '2024-01-05T00:00:00Z'"));
        }
    }

    @TimescaleTest
    void skipsHypertablesTheTargetCannotTake(DatabasePair db) {
        Fixtures.install(db);
        db.target().execute("DROP TABLE metrics.readings", "ALTER TABLE metrics.daily DROP COLUMN total",
                "ALTER TABLE metrics.events_int ALTER COLUMN kind TYPE varchar(10)");
        try (Backfill backfill = TestBackfills.open(db)) {
            StageResult staged = backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.(readings|daily|cpu)$"));
            assertThat(staged.ok()).isFalse();
            assertThat(staged.hypertables()).filteredOn(h -> h.skipped() != null)
                    .extracting(StageResult.HypertableStage::hypertable, StageResult.HypertableStage::skipped)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("metrics.daily", "column total is missing on the target"),
                            org.assertj.core.groups.Tuple.tuple("metrics.readings",
                                    "the target has no hypertable metrics.readings (create the schema on the target first)"));
            StageResult mismatched = backfill.stage(StageRequest.until("100000").withFilter("events_int"));
            assertThat(mismatched.hypertables().get(0).skipped())
                    .isEqualTo("column kind is text on the source but character varying(10) on the target");
            assertThat(db.target().queryLong("SELECT count(DISTINCT hypertable_name) FROM __backfill.task")).isEqualTo(1);
        }
    }

    @TimescaleTest
    void refusesTheSameDatabaseAsSourceAndTarget(DatabasePair db) {
        Fixtures.install(db);
        try (Backfill backfill = Backfill.create(BackfillConfig.builder().source(TestBackfills.endpoint(db.source()))
                .target(TestBackfills.endpoint(db.source())).build())) {
            assertThatThrownBy(() -> backfill.stage(StageRequest.until("2030-01-01").withFilter("cpu")))
                    .hasMessageContaining("same database");
        }
    }

    @TimescaleTest
    void cleanDropsTheTaskSchemaOnly(DatabasePair db) {
        Fixtures.install(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("cpu"));
            backfill.copy(new CopyRequest(2));
            assertThat(backfill.clean().dropped()).isTrue();
            assertThat(db.target().queryString("SELECT to_regnamespace('__backfill')")).isNull();
            assertThat(db.target().queryLong("SELECT count(*) FROM metrics.cpu")).isEqualTo(5770);
            assertThat(backfill.clean().dropped()).as("nothing left to clean").isFalse();
            assertThatThrownBy(() -> backfill.copy(new CopyRequest(1))).hasMessageContaining("run 'stage' first");
        }
    }
}
