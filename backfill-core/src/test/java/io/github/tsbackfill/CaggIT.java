package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.tsbackfill.internal.CatalogLayout;
import io.github.tsbackfill.testkit.Capability;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.TestDatabase;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.List;

/**
 * Continuous aggregates over backfilled data, raw hypertable -> hourly cagg -> daily cagg on it, on every version
 * with caggs. The target took live writes from Jan 8 (dual-write) and refreshed its caggs over them; the backfill
 * brings Jan 1-7, two of those days compressed on the source.
 */
class CaggIT {

    private static final String SCHEMA = """
            CREATE SCHEMA agg;
            CREATE TABLE agg.m (ts timestamptz NOT NULL, device int NOT NULL, v double precision);
            SELECT create_hypertable('agg.m', 'ts', chunk_time_interval => interval '1 day');
            ALTER TABLE agg.m SET (timescaledb.compress, timescaledb.compress_segmentby = 'device');
            CREATE MATERIALIZED VIEW agg.hourly WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
              SELECT time_bucket('1 hour', ts) AS bucket, device, sum(v) AS total, count(*) AS n
              FROM agg.m GROUP BY 1, 2 WITH NO DATA;
            CREATE MATERIALIZED VIEW agg.daily WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
              SELECT time_bucket('1 day', bucket) AS day, device, sum(total) AS total, sum(n) AS n
              FROM agg.hourly GROUP BY 1, 2 WITH NO DATA;
            """;

    /** Whole numbers in v: sums of doubles are then exact whatever order a scan of compressed data takes. */
    private static final String ROWS = "INSERT INTO agg.m SELECT t, d, (extract(epoch FROM t)::bigint / 300) %% 1000 + d "
            + "FROM generate_series(timestamptz '%s', timestamptz '%s' - interval '5 min', interval '5 min') t, "
            + "generate_series(1, 3) d";

    private static final String HOURLY = "SELECT bucket, device, total, n FROM agg.hourly ORDER BY 1, 2";
    private static final String DAILY = "SELECT day, device, total, n FROM agg.daily ORDER BY 1, 2";

    private static void prepare(DatabasePair db) {
        db.source().execute(SCHEMA, String.format(ROWS, "2024-01-01", "2024-01-11"),
                "SELECT count(compress_chunk(c)) FROM show_chunks('agg.m', older_than => timestamptz '2024-01-03') c");
        refreshAll(db.source());
        db.target().execute(SCHEMA, String.format(ROWS, "2024-01-08", "2024-01-11"));
        refreshAll(db.target());
    }

    private static void refreshAll(TestDatabase db) {
        db.execute("CALL refresh_continuous_aggregate('agg.hourly', NULL, NULL)");
        db.execute("CALL refresh_continuous_aggregate('agg.daily', NULL, NULL)");
    }

    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES, versions = TimescaleTest.ALL)
    void refreshesCaggsOverExactlyTheBackfilledRangeLowerCaggFirst(DatabasePair db) {
        prepare(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2024-01-08").withFilter("^agg\\.m$"));
            CopyResult copied = backfill.copy(new CopyRequest(2));
            assertThat(copied.failures()).isEmpty();
            assertThat(copied.caggsToRefresh()).containsExactly("agg.hourly", "agg.daily");
            assertThat(db.target().queryLong("SELECT count(*) FROM agg.m")).isEqualTo(db.source().queryLong("SELECT count(*) FROM agg.m"));
            if (CatalogLayout.of(db.target().timescaleRelease()).refreshCanForce()) {
                assertThat(db.target().queryLong("SELECT count(*) FROM "
                        + "_timescaledb_catalog.continuous_aggs_hypertable_invalidation_log"))
                        .as("copy records no invalidations row by row").isZero();
            }
            assertThat(db.target().query(DAILY)).as("before refresh-caggs the backfilled days are missing")
                    .hasSize(3 * 3);

            RefreshResult result = backfill.refreshCaggs(RefreshRequest.all());

            assertThat(result.refreshed()).extracting(RefreshResult.Refreshed::cagg).containsExactly("agg.hourly", "agg.daily");
            assertThat(result.refreshed().get(0).from()).as("on the copied range's edges, not a bucket wider")
                    .startsWith("2024-01-01 00:00:00");
            assertThat(result.refreshed().get(0).until()).startsWith("2024-01-08 00:00:00");
            assertThat(db.target().query(HOURLY)).isEqualTo(db.source().query(HOURLY));
            assertThat(db.target().query(DAILY)).hasSize(10 * 3).isEqualTo(db.source().query(DAILY));
            assertThat(db.target().queryLong("SELECT count(*) FROM timescaledb_information.chunks "
                    + "WHERE hypertable_name = 'm' AND is_compressed")).as("compressed chunks stay compressed").isEqualTo(2);
        }
    }

    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES, versions = {TimescaleTest.NEWEST,
        "2.13.1@pg15->2.29.2@pg17", "2.17.2@pg15->2.22.1@pg17", "2.13.1@pg15->2.17.2@pg15"})
    void cascadeCopiesTheMaterializedDataOfCaggsAboveAndTablesBelow(DatabasePair db) {
        prepare(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            StageResult staged = backfill.stage(StageRequest.until("2024-01-08").withFilter("^agg\\.hourly$")
                    .withCascade(true, true));
            assertThat(staged.hypertables()).extracting(StageResult.HypertableStage::hypertable)
                    .containsExactly("agg.m", "agg.daily", "agg.hourly");
            assertThat(staged.ok()).isTrue();
            assertThat(backfill.copy(new CopyRequest(2)).failures()).isEmpty();
            // Materialized rows arrive as they are on the source: no refresh needed to see them.
            assertThat(db.target().query(HOURLY)).isEqualTo(db.source().query(HOURLY));
            assertThat(db.target().query(DAILY)).isEqualTo(db.source().query(DAILY));
            assertThat(backfill.verify(new VerifyRequest(2, true, false)).ok()).isTrue();

            backfill.refreshCaggs(RefreshRequest.all());
            assertThat(db.target().query(DAILY)).as("refreshing recomputes the same values").isEqualTo(db.source().query(DAILY));
        }
    }

    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES)
    void refusesWhileTheTargetHasEnabledRefreshPolicies(DatabasePair db) {
        prepare(db);
        long job = db.target().queryLong("SELECT add_continuous_aggregate_policy('agg.daily', NULL, NULL, interval '1 hour')");
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2024-01-08").withFilter("^agg\\.m$"));
            backfill.copy(new CopyRequest(2));
            assertThatThrownBy(() -> backfill.refreshCaggs(RefreshRequest.all()))
                    .isInstanceOfSatisfying(BackfillException.class, e -> assertThat(e.kind()).isEqualTo(BackfillException.Kind.PRECONDITION))
                    .hasMessageContaining("job " + job + " (policy_refresh_continuous_aggregate on agg.daily)")
                    .hasMessageContaining("--force");
            assertThat(db.target().query(DAILY)).as("nothing refreshed").hasSize(3 * 3);

            RefreshResult forced = backfill.refreshCaggs(new RefreshRequest("HOURLY$", true));
            assertThat(forced.refreshed()).extracting(RefreshResult.Refreshed::cagg).containsExactly("agg.hourly");
            assertThat(db.target().query(HOURLY)).isEqualTo(db.source().query(HOURLY));
            assertThat(db.target().query(DAILY)).as("left out by the filter").hasSize(3 * 3);
            forced = backfill.refreshCaggs(new RefreshRequest(null, true));
            assertThat(forced.refreshed()).hasSize(2);
            assertThat(db.target().query(DAILY)).isEqualTo(db.source().query(DAILY));
        }
    }

    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES)
    void staysFastAndCorrectWhenTheTargetCaggsWereNeverRefreshed(DatabasePair db) {
        db.source().execute(SCHEMA, String.format(ROWS, "2024-01-01", "2024-01-04"));
        refreshAll(db.source());
        db.target().execute(SCHEMA);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^agg\\.m$"));
            backfill.copy(new CopyRequest(1));
            List<RefreshResult.Refreshed> refreshed = backfill.refreshCaggs(RefreshRequest.all()).refreshed();
            assertThat(refreshed).hasSize(2);
            assertThat(db.target().query(HOURLY)).hasSize(3 * 24 * 3).isEqualTo(db.source().query(HOURLY));
            assertThat(db.target().query(DAILY)).isEqualTo(db.source().query(DAILY));
        }
    }

    /**
     * Defect: refresh windows were the copied ranges widened by a bucket each side, and a forced refresh of a
     * bucket whose raw data the target lacks (dropped by retention on the source) deleted the aggregate rows that
     * --cascade-down had copied.
     */
    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES)
    void refreshKeepsCopiedAggregateRowsOverRawDataTheSourceNoLongerHas(DatabasePair db) {
        prepare(db);
        db.source().execute("SELECT count(*) FROM drop_chunks('agg.m', older_than => timestamptz '2024-01-04')");
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2024-01-08").withFilter("^agg\\.daily$").withCascade(false, true));
            assertThat(backfill.copy(new CopyRequest(2)).failures()).isEmpty();
            assertThat(db.target().query(HOURLY)).isEqualTo(db.source().query(HOURLY));

            RefreshResult result = backfill.refreshCaggs(RefreshRequest.all());

            assertThat(result.refreshed()).filteredOn(r -> r.cagg().equals("agg.hourly"))
                    .extracting(RefreshResult.Refreshed::reason).containsExactly("moves the watermark past copied rows");
            assertThat(db.target().query(HOURLY)).isEqualTo(db.source().query(HOURLY));
            assertThat(db.target().query(DAILY)).hasSize(10 * 3).isEqualTo(db.source().query(DAILY));
        }
    }

    /** A real-time cagg below its watermark ignores materialized rows: copied ones count only once it moved. */
    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES)
    void aRealTimeCaggAnswersWithItsCopiedRowsAfterRefresh(DatabasePair db) {
        String schema = """
                CREATE TABLE rt (ts timestamptz NOT NULL, v int);
                SELECT create_hypertable('rt', 'ts', chunk_time_interval => interval '1 day');
                CREATE MATERIALIZED VIEW rt_hourly WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
                  SELECT time_bucket('1 hour', ts) AS bucket, sum(v) AS total FROM rt GROUP BY 1 WITH NO DATA;
                """;
        String view = "SELECT bucket, total FROM rt_hourly ORDER BY 1";
        db.source().execute(schema, "INSERT INTO rt SELECT t, 1 FROM generate_series(timestamptz '2024-01-01', "
                + "'2024-01-05', interval '10 min') t", "CALL refresh_continuous_aggregate('rt_hourly', NULL, '2024-01-04')",
                "SELECT count(*) FROM drop_chunks('rt', older_than => timestamptz '2024-01-03')");
        db.target().execute(schema);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^public\\.rt$").withCascade(true, false));
            assertThat(backfill.copy(new CopyRequest(2)).failures()).isEmpty();
            assertThat(db.target().query(view)).as("below the watermark the copied rows do not count yet")
                    .hasSizeLessThan(db.source().query(view).size());

            backfill.refreshCaggs(RefreshRequest.all());

            assertThat(db.target().query(view)).hasSize(4 * 24 + 1).isEqualTo(db.source().query(view));
        }
    }

    /** The original tool's refresh-caggs --source: from the target's watermark up to the source's. */
    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES)
    void refreshesUpToTheSourceWatermarksWithoutAStagedBackfill(DatabasePair db) {
        db.source().execute(SCHEMA, String.format(ROWS, "2024-01-08", "2024-01-11"));
        refreshAll(db.source());
        db.target().execute(SCHEMA, String.format(ROWS, "2024-01-08", "2024-01-11"),
                "CALL refresh_continuous_aggregate('agg.hourly', NULL, '2024-01-09')");
        try (Backfill backfill = TestBackfills.open(db)) {
            RefreshResult result = backfill.refreshCaggs(RefreshRequest.all().withSourceWatermarks());

            assertThat(result.refreshed()).extracting(RefreshResult.Refreshed::cagg, RefreshResult.Refreshed::reason)
                    .containsExactly(tuple("agg.hourly", "up to the source's watermark"),
                            tuple("agg.daily", "up to the source's watermark"));
            assertThat(result.refreshed().get(0).from()).startsWith("2024-01-09 00:00:00");
            assertThat(db.target().query(HOURLY)).hasSize(3 * 24 * 3).isEqualTo(db.source().query(HOURLY));
            assertThat(db.target().query(DAILY)).isEqualTo(db.source().query(DAILY));
            assertThat(backfill.refreshCaggs(RefreshRequest.all().withSourceWatermarks()).refreshed())
                    .as("nothing lags any more").isEmpty();
        }
    }

    /** --filter is a PostgreSQL regular expression everywhere (POSIX classes mean nothing to java.util.regex). */
    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES)
    void theRefreshFilterIsAPostgresRegexAndCascades(DatabasePair db) {
        prepare(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2024-01-08").withFilter("^agg\\.m$"));
            backfill.copy(new CopyRequest(2));
            assertThat(backfill.refreshCaggs(new RefreshRequest("^agg\\.h[[:alpha:]]+$", false, false, false, false))
                    .refreshed()).extracting(RefreshResult.Refreshed::cagg).containsExactly("agg.hourly");
            assertThat(backfill.refreshCaggs(new RefreshRequest("^AGG\\.hourly$", true, false, false, false))
                    .refreshed()).extracting(RefreshResult.Refreshed::cagg).containsExactly("agg.hourly", "agg.daily");
            assertThat(backfill.refreshCaggs(new RefreshRequest("daily", false, true, false, false))
                    .refreshed()).extracting(RefreshResult.Refreshed::cagg).containsExactly("agg.hourly", "agg.daily");
            assertThat(db.target().query(DAILY)).isEqualTo(db.source().query(DAILY));
            assertThatThrownBy(() -> backfill.refreshCaggs(new RefreshRequest("(", false)))
                    .isInstanceOfSatisfying(BackfillException.class, e -> assertThat(e.kind()).isEqualTo(BackfillException.Kind.INVALID_INPUT))
                    .hasMessageContaining("--filter: invalid regular expression '('");
        }
    }
}
