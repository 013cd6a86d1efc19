package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tsbackfill.testkit.Capability;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.TestDatabase;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Regression tests for the ways a backfill could be silently wrong, each named after the defect it pins. */
class CorrectnessIT {

    private static final String METRICS = "CREATE TABLE m (ts timestamptz NOT NULL, dev int, v int)";
    private static final String HYPERTABLE = "SELECT create_hypertable('m', 'ts', chunk_time_interval => interval '1 day')";
    private static final String ROWS = "INSERT INTO m SELECT '2024-01-01'::timestamptz + g * interval '10 seconds', g % 3, g "
            + "FROM generate_series(1, 20000) g";
    private static final String FIRST_ROWS = "SELECT string_agg(v::text, ',') FROM (SELECT v FROM m WHERE dev = 1 "
            + "ORDER BY ts LIMIT 5) x";

    @TimescaleTest(requires = Capability.COMPRESSION, versions = TimescaleTest.ALL)
    void compressedDataWithAnotherOrderbyIsRecompressedNotCopiedAsIs(DatabasePair db) {
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute(METRICS, HYPERTABLE);
        }
        db.source().execute("ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_segmentby = 'dev', "
                + "timescaledb.compress_orderby = 'ts DESC')", ROWS, "SELECT compress_chunk(c) FROM show_chunks('m') c");
        db.target().execute("ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_segmentby = 'dev', "
                + "timescaledb.compress_orderby = 'ts ASC')");
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01"));
            assertThat(backfill.copy(new CopyRequest(2)).ok()).isTrue();

            assertThat(db.target().queryString(FIRST_ROWS)).isEqualTo(db.source().queryString(FIRST_ROWS))
                    .isEqualTo("1,4,7,10,13");
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE copy_mode = 'recompressed' "
                    + "AND copy_note LIKE '%orderby (ts DESC) vs (ts)%'")).isEqualTo(3);
            assertThat(db.target().queryLong("SELECT count(*) FROM timescaledb_information.chunks WHERE is_compressed"))
                    .isEqualTo(3);
            assertThat(backfill.verify(new VerifyRequest(2, true, false)).ok()).isTrue();
        }
    }

    // compression_settings, which the test edits, exists from 2.14.
    @TimescaleTest(requires = Capability.COMPRESSION, versions = {"2.17.2@pg15", "2.22.1", "2.29.2"})
    void verifyFindsCompressedDataLaidOutUnderOtherSettings(DatabasePair db) {
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute(METRICS, HYPERTABLE, "ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_segmentby = "
                    + "'dev', timescaledb.compress_orderby = 'ts')");
        }
        db.source().execute(ROWS, "SELECT compress_chunk(c) FROM show_chunks('m') c");
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01"));
            backfill.copy(new CopyRequest(2));
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE copy_mode = 'compressed'"))
                    .isEqualTo(3);
            // What the defect left behind: batches in one order, settings that claim the other.
            db.target().execute("UPDATE _timescaledb_catalog.compression_settings SET orderby_desc = '{t}', "
                    + "orderby_nullsfirst = '{t}' WHERE relid::text NOT LIKE '%m'");
            assertThat(db.target().queryString(FIRST_ROWS)).isNotEqualTo(db.source().queryString(FIRST_ROWS));

            VerifyResult verified = backfill.verify(new VerifyRequest(2, true, true));
            assertThat(verified.mismatches()).hasSize(3).allSatisfy(m ->
                    assertThat(m.details()).singleElement().asString().startsWith("row order (compressed chunk read"));
        }
    }

    @TimescaleTest(versions = TimescaleTest.ALL)
    void verifyComparesEveryTypeWithoutFalseMismatches(DatabasePair db) {
        String table = "CREATE TABLE t (ts timestamptz NOT NULL, i interval, n numeric, f float8, mo money, "
                + "j jsonb, p point, x xml, r int4range, a numeric[], tv tsvector)";
        // Values that compare equal but print differently, in different orders per side: only a native min/max
        // over them depends on scan order.
        String rows = "INSERT INTO t SELECT '2024-01-01'::timestamptz + g * interval '1 minute', "
                + "CASE WHEN g % 2 = 0 THEN interval '1 day' ELSE interval '24 hours' END, "
                + "CASE WHEN g % 2 = 0 THEN 1.0 ELSE 1.00 END, CASE WHEN g % 2 = 0 THEN float8 '0' ELSE float8 '-0' END, g, "
                + "jsonb_build_object('g', g), point(g, g), xmlparse(content '<g>' || g || '</g>'), "
                + "int4range(g, g + 1), ARRAY[CASE WHEN g % 2 = 0 THEN 1.0 ELSE 1.00 END], to_tsvector('a b') "
                + "FROM generate_series(1, 2000) g";
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute(table, "SELECT create_hypertable('t', 'ts', chunk_time_interval => interval '1 day')");
        }
        db.source().execute(rows);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01"));
            assertThat(backfill.copy(new CopyRequest(2)).ok()).isTrue();
            // The target's rows in the reverse physical order.
            db.target().execute("CREATE TEMP TABLE x AS SELECT * FROM t", "DELETE FROM t",
                    "INSERT INTO t SELECT * FROM x ORDER BY ts DESC");
            assertThat(backfill.verify(new VerifyRequest(2, true, false)).ok()).isTrue();

            db.target().execute("UPDATE t SET i = interval '25 hours' WHERE ts = '2024-01-01 00:10+00'");
            VerifyResult damaged = backfill.verify(new VerifyRequest(2, false, true));
            assertThat(damaged.mismatches()).singleElement().satisfies(m ->
                    assertThat(m.details()).anyMatch(d -> d.startsWith("column i: sum")));
        }
    }

    @TimescaleTest
    void aQueueRefusesAnotherSourceThanTheOneItWasStagedFrom(DatabasePair db) throws Exception {
        metricsOnBothSides(db);
        String otherName = db.source().database() + "_other";
        TestDatabase other = db.source().createDatabase(otherName);
        try {
            other.execute(METRICS, HYPERTABLE, "INSERT INTO m VALUES ('2024-01-01', 9, 9)");
            try (Backfill backfill = TestBackfills.open(db)) {
                backfill.stage(StageRequest.until("2030-01-01"));
            }
            DatabasePair wrong = new DatabasePair(other, db.target());
            try (Backfill backfill = TestBackfills.open(wrong)) {
                for (Runnable command : List.<Runnable>of(() -> backfill.copy(new CopyRequest(1)),
                        () -> backfill.verify(new VerifyRequest(1, false, false)),
                        () -> backfill.stage(StageRequest.until("2030-01-01")))) {
                    assertThatThrownBy(command::run).isInstanceOfSatisfying(BackfillException.class, e -> {
                        assertThat(e.kind()).isEqualTo(BackfillException.Kind.PRECONDITION);
                        assertThat(e.getMessage()).contains("staged from database " + db.source().database())
                                .contains("not from this --source (database " + otherName);
                    });
                }
            }
            assertThat(db.target().queryLong("SELECT count(*) FROM m")).isZero();
        } finally {
            db.source().dropDatabase(otherName);
        }
    }

    @TimescaleTest(requires = Capability.COMPRESSION)
    void aStageThatWidensATaskWhileCopyCreatesItsChunkLosesNoRows(DatabasePair db) throws Exception {
        metricsOnBothSides(db);
        String narrow = "2024-01-01T12:00:00Z";
        try (Backfill backfill = TestBackfills.open(db); Connection blocker = db.target().connect()) {
            backfill.stage(StageRequest.until(narrow).withFilter("^public\\.m$"));
            // Hold the hypertable so the worker waits in create_chunk, its task claimed.
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE m IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<CopyResult> copy = CompletableFuture.supplyAsync(() -> backfill.copy(new CopyRequest(1)));
            awaitWaiting(db.target(), 1);
            CompletableFuture<StageResult> widen = CompletableFuture.supplyAsync(() -> {
                try (Backfill other = TestBackfills.open(db)) {
                    return other.stage(StageRequest.until("2030-01-01").withFilter("^public\\.m$"));
                }
            });
            awaitWaiting(db.target(), 2);
            blocker.commit();
            assertThat(copy.get().failures()).isEmpty();
            assertThat(widen.get().widened()).isEqualTo(1);
            backfill.copy(new CopyRequest(1));

            assertThat(db.target().queryLong("SELECT count(*) FROM m")).isEqualTo(20000);
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE target_chunk IS NULL")).isZero();
            assertThat(backfill.verify(new VerifyRequest(1, true, false)).ok()).isTrue();
        }
    }

    @TimescaleTest
    void aChunkDroppedOnTheSourceSinceStageIsSkippedNotFailed(DatabasePair db) {
        metricsOnBothSides(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01"));
            db.source().execute("SELECT drop_chunks('m', older_than => '2024-01-02'::timestamptz)");
            CopyResult copied = backfill.copy(new CopyRequest(2));

            assertThat(copied.ok()).isTrue();
            assertThat(copied.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("no longer exists"));
            assertThat(db.target().queryLong("SELECT count(*) FROM show_chunks('m')")).isEqualTo(2);
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE copy_mode = 'skipped' "
                    + "AND worked IS NOT NULL AND target_chunk IS NULL")).isEqualTo(1);
            VerifyResult verified = backfill.verify(new VerifyRequest(2, false, false));
            assertThat(verified.ok()).isTrue();
            assertThat(verified.matching()).isEqualTo(2);
            assertThat(backfill.status().hypertables().get(0).skipped()).isEqualTo(1);
        }
    }

    @TimescaleTest
    void recopyMismatchedRepairsWhatVerifyFoundAndCountsTheReplacedRows(DatabasePair db) {
        metricsOnBothSides(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01"));
            assertThat(backfill.copy(new CopyRequest(2)).replacedRows()).isZero();
            db.target().execute("UPDATE m SET v = -1 WHERE ts = '2024-01-01 00:00:10+00'");
            VerifyResult damaged = backfill.verify(new VerifyRequest(2, false, false));
            assertThat(damaged.mismatches()).hasSize(1);

            CopyResult recopied = backfill.copy(new CopyRequest(2).withRecopy(Recopy.MISMATCHED));
            assertThat(recopied.chunks()).isEqualTo(1);
            long firstChunk = db.source().queryLong("SELECT count(*) FROM m WHERE ts < '2024-01-02'");
            assertThat(recopied.replacedRows()).isEqualTo(firstChunk);
            assertThat(db.target().queryLong("SELECT sum(rows_replaced) FROM __backfill.task")).isEqualTo(firstChunk);
            assertThat(backfill.status().hypertables().get(0).rowsReplaced()).isEqualTo(firstChunk);

            VerifyResult repaired = backfill.verify(new VerifyRequest(2, false, false));
            assertThat(repaired.verifiedNow()).isEqualTo(1);
            assertThat(repaired.ok()).isTrue();

            assertThat(backfill.copy(new CopyRequest(2).withRecopy(Recopy.ALL)).replacedRows()).isEqualTo(20000);
            assertThat(backfill.verify(new VerifyRequest(2, false, false)).verifiedNow()).isEqualTo(3);
        }
    }

    @TimescaleTest
    void anOffsetInUntilMeansTheSameInstantForEveryTimeType(DatabasePair db) {
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute("CREATE TABLE tz (ts timestamptz NOT NULL, v int)", "CREATE TABLE naive (ts timestamp NOT NULL, v int)",
                    "SELECT create_hypertable('tz', 'ts', chunk_time_interval => interval '1 day')",
                    "SELECT create_hypertable('naive', 'ts', chunk_time_interval => interval '1 day')");
        }
        db.source().execute("INSERT INTO tz SELECT '2024-01-01 00:00+00'::timestamptz + g * interval '1 hour', g "
                + "FROM generate_series(0, 47) g", "INSERT INTO naive SELECT ts AT TIME ZONE 'UTC', v FROM tz");
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2024-01-01T14:00:00+02:00"));
            backfill.copy(new CopyRequest(1));
            assertThat(db.target().queryLong("SELECT count(*) FROM tz")).isEqualTo(12);
            assertThat(db.target().queryLong("SELECT count(*) FROM naive")).isEqualTo(12);
            assertThat(db.target().queryString("SELECT copy_until FROM __backfill.task WHERE hypertable_name = 'naive'"))
                    .isEqualTo("2024-01-01 12:00:00");
        }
    }

    /** Found by the differential harness (seed 1005 and others) on TimescaleDB 2.29.2. */
    @TimescaleTest(versions = TimescaleTest.ALL)
    void rowsOfAHypertableWithADroppedColumnLandInTheirColumns(DatabasePair db) {
        db.source().execute("CREATE TABLE d (ts timestamptz NOT NULL, a int, b int)",
                "SELECT create_hypertable('d', 'ts', chunk_time_interval => interval '1 day')",
                "INSERT INTO d SELECT '2024-01-01'::timestamptz + g * interval '1 hour', g, -g FROM generate_series(0, 47) g");
        db.target().execute("CREATE TABLE d (gone int, b int, ts timestamptz NOT NULL, a int)",
                "ALTER TABLE d DROP COLUMN gone",
                "SELECT create_hypertable('d', 'ts', chunk_time_interval => interval '1 day')");
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01"));
            assertThat(backfill.copy(new CopyRequest(2)).failures()).isEmpty();
            assertThat(db.target().queryLong("SELECT count(*) FROM d WHERE a = -b")).isEqualTo(48);
            assertThat(backfill.verify(new VerifyRequest(2, true, false)).ok()).isTrue();
        }
    }

    /**
     * Defect 8: the first and last chunks of integer time reach the long's limits; their estimates overflowed to
     * zero, their row filters on targets that cannot create chunks cast 9223372036854775807 to smallint, and one
     * --until could not serve hypertables of every integer type.
     */
    @TimescaleTest(versions = TimescaleTest.ALL)
    void integerTimeAtTheTypeLimitsCopiesEveryRow(DatabasePair db) {
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute("CREATE TABLE s (t smallint NOT NULL, v int)",
                    "SELECT create_hypertable('s', 't', chunk_time_interval => 1000)",
                    "CREATE TABLE i (t int NOT NULL, v int)",
                    "SELECT create_hypertable('i', 't', chunk_time_interval => 100000000)",
                    "CREATE TABLE b (t bigint NOT NULL, v int)",
                    "SELECT create_hypertable('b', 't', chunk_time_interval => 1000000000000000000)");
        }
        db.source().execute("INSERT INTO s VALUES (-32768, 1), (-32767, 2), (0, 3), (32766, 4), (32767, 5)",
                "INSERT INTO i VALUES (-2147483648, 1), (-2147483647, 2), (0, 3), (2147483647, 4)",
                "INSERT INTO b VALUES (-9223372036854775807, 1), (0, 2), (9223372036854775806, 3)",
                "ANALYZE s, i, b");
        try (Backfill backfill = TestBackfills.open(db)) {
            StageResult staged = backfill.stage(StageRequest.until("99999999999999999999"));
            assertThat(staged.hypertables()).allSatisfy(h -> assertThat(h.estimatedRows()).as(h.hypertable()).isPositive());
            assertThat(backfill.copy(new CopyRequest(2)).failures()).isEmpty();
            for (String table : List.of("s", "i", "b")) {
                String rows = "SELECT string_agg(t || ':' || v, ',' ORDER BY t) FROM " + table;
                assertThat(db.target().queryString(rows)).isEqualTo(db.source().queryString(rows));
            }
            assertThat(backfill.verify(new VerifyRequest(2, true, false)).ok()).isTrue();
        }
    }

    /** Defect 8: a second dimension by range (not by hash) failed with a NullPointerException when routed. */
    @TimescaleTest(versions = TimescaleTest.ALL)
    void aSecondTimeDimensionCopiesOnEveryTarget(DatabasePair db) {
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute("CREATE TABLE two (ts timestamptz NOT NULL, seen int NOT NULL, v int)",
                    "SELECT create_hypertable('two', 'ts', chunk_time_interval => interval '1 day')",
                    "SELECT add_dimension('two', 'seen', chunk_time_interval => 100)");
        }
        db.source().execute("INSERT INTO two SELECT '2024-01-01'::timestamptz + g * interval '1 hour', g * 7, g "
                + "FROM generate_series(0, 95) g");
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2024-01-03 12:00"));
            assertThat(backfill.copy(new CopyRequest(2)).failures()).isEmpty();
            String rows = "SELECT string_agg(ts || ':' || seen || ':' || v, ',' ORDER BY ts) FROM two";
            assertThat(db.target().queryString(rows)).isEqualTo(db.source().queryString(rows + " WHERE ts < '2024-01-03 12:00'"));
            assertThat(backfill.verify(new VerifyRequest(2, true, false)).ok()).isTrue();
        }
    }

    /** The metrics hypertable on both sides, its rows on the source only. */
    private static void metricsOnBothSides(DatabasePair db) {
        db.source().execute(METRICS, HYPERTABLE, ROWS);
        db.target().execute(METRICS, HYPERTABLE);
    }

    private static void awaitWaiting(TestDatabase db, int sessions) throws InterruptedException {
        db.awaitCount("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = '"
                + db.database() + "'", sessions, Duration.ofSeconds(30));
    }
}
