package io.github.tsbackfill;

import static io.github.tsbackfill.TestBackfills.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.Capability;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.FixtureHypertable;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;

class CopyIT {

    @TimescaleTest(versions = TimescaleTest.ALL)
    void copiesEveryFixtureHypertableAndVerifies(DatabasePair db) {
        Fixtures.Installed fixture = Fixtures.install(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            TestBackfills.stageAll(backfill);
            CopyResult copied = backfill.copy(new CopyRequest(4));

            assertThat(copied.failures()).isEmpty();
            assertThat(copied.ok()).isTrue();
            assertThat(copied.pending()).isZero();
            for (FixtureHypertable h : fixture.hypertables()) {
                assertThat(count(db.target(), h)).as("rows of %s", h.qualifiedName()).isEqualTo(h.rows());
            }
            assertThat(copied.rows()).isEqualTo(fixture.totalRows());
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE worked IS NULL")).isZero();

            VerifyResult verified = backfill.verify(new VerifyRequest(4, true, false));
            assertThat(verified.mismatches()).isEmpty();
            assertThat(verified.errors()).isEmpty();
            assertThat(verified.ok()).isTrue();
            assertThat(verified.matching()).isEqualTo(copied.chunks());
        }
    }

    @TimescaleTest(requires = Capability.COMPRESSION, versions = TimescaleTest.ALL)
    void copiesCompressedChunksAsCompressedData(DatabasePair db) {
        Fixtures.Installed fixture = Fixtures.install(db);
        FixtureHypertable cpu = fixture.get("metrics", "cpu");
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.cpu$"));
            CopyResult copied = backfill.copy(new CopyRequest(2));

            assertThat(copied.failures()).isEmpty();
            assertThat(copied.hypertables().get(0).compressedChunks()).isEqualTo(cpu.compressedChunks());
            assertThat(count(db.target(), cpu)).isEqualTo(cpu.rows());
            assertThat(db.target().queryLong("SELECT count(*) FROM timescaledb_information.chunks "
                    + "WHERE hypertable_name = 'cpu' AND is_compressed")).isEqualTo(cpu.compressedChunks());
            assertThat(db.target().queryLong("SELECT count(*) FROM show_chunks('metrics.cpu') c "
                    + "WHERE _timescaledb_functions.chunk_status(c) & 8 = 8")).as("partially compressed").isEqualTo(1);
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE copy_mode = 'compressed'"))
                    .isEqualTo(cpu.compressedChunks());
            assertThat(count(db.target(), cpu, "device = 9")).as("late rows of the partial chunk").isEqualTo(10);

            VerifyResult verified = backfill.verify(new VerifyRequest(2, true, false));
            assertThat(verified.mismatches()).isEmpty();
            assertThat(verified.ok()).isTrue();
        }
    }

    @TimescaleTest(versions = TimescaleTest.ALL)
    void copiesOnlyRowsInRangeOfBoundaryChunks(DatabasePair db) {
        Fixtures.Installed fixture = Fixtures.install(db);
        FixtureHypertable cpu = fixture.get("metrics", "cpu");
        FixtureHypertable events = fixture.get("metrics", "events_big");
        try (Backfill backfill = TestBackfills.open(db)) {
            StageResult staged = backfill.stage(StageRequest.until("2024-01-05T12:00:00Z").withFrom("2024-01-02T06:00:00Z")
                    .withFilter("^METRICS\\.CPU$"));
            assertThat(staged.chunks()).isEqualTo(4);
            assertThat(staged.hypertables().get(0).partial()).isEqualTo(2);
            backfill.stage(StageRequest.until("4500").withFrom("1500").withFilter("events_big"));
            CopyResult copied = backfill.copy(new CopyRequest(3));
            assertThat(copied.failures()).isEmpty();

            String cpuRange = "ts >= '2024-01-02T06:00:00Z' AND ts < '2024-01-05T12:00:00Z'";
            assertThat(count(db.target(), cpu)).isEqualTo(count(db.source(), cpu, cpuRange)).isPositive();
            assertThat(count(db.target(), events)).isEqualTo(count(db.source(), events, "at >= 1500 AND at < 4500"))
                    .isEqualTo(1000);
            assertThat(backfill.verify(new VerifyRequest(2, true, false)).ok()).isTrue();
        }
    }

    @TimescaleTest(versions = "oldest->newest")
    void copiesBetweenDifferentVersions(DatabasePair db) {
        Fixtures.Installed fixture = Fixtures.install(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            TestBackfills.stageAll(backfill);
            CopyResult copied = backfill.copy(new CopyRequest(4));
            assertThat(copied.failures()).isEmpty();
            for (FixtureHypertable h : fixture.hypertables()) {
                assertThat(count(db.target(), h)).as("rows of %s", h.qualifiedName()).isEqualTo(h.rows());
            }
            assertThat(backfill.verify(new VerifyRequest(4, true, false)).ok()).isTrue();
        }
    }

    @TimescaleTest
    void rerunAfterResetCopiesAgainWithoutDuplicates(DatabasePair db) {
        Fixtures.Installed fixture = Fixtures.install(db);
        try (Backfill backfill = TestBackfills.open(db)) {
            TestBackfills.stageAll(backfill);
            backfill.copy(new CopyRequest(2));
            // As if the commits of a crashed run had never happened for half the tasks.
            db.target().execute("UPDATE __backfill.task SET worked = NULL WHERE priority % 2 = 0");
            CopyResult again = backfill.copy(new CopyRequest(2));
            assertThat(again.failures()).isEmpty();
            assertThat(again.chunks()).isPositive();
            for (FixtureHypertable h : fixture.hypertables()) {
                assertThat(count(db.target(), h)).as("rows of %s", h.qualifiedName()).isEqualTo(h.rows());
            }
            assertThat(backfill.copy(new CopyRequest(2)).chunks()).as("nothing left").isZero();
        }
    }

    @TimescaleTest
    void stagesAndCopiesFromAnExportedSnapshot(DatabasePair db) throws Exception {
        Fixtures.install(db, false);
        try (java.sql.Connection exporter = db.source().connect(); Backfill backfill = TestBackfills.open(db)) {
            exporter.setAutoCommit(false);
            exporter.setTransactionIsolation(java.sql.Connection.TRANSACTION_REPEATABLE_READ);
            String snapshot;
            try (java.sql.Statement s = exporter.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                snapshot = rs.getString(1);
            }
            // Written after the snapshot: neither a new chunk nor new rows in an old one are copied.
            db.source().execute("INSERT INTO metrics.readings VALUES ('2024-01-03 00:30', 'late', 1), "
                    + "('2024-03-01 00:00', 'new chunk', 2)");
            StageResult staged = backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.readings$")
                    .withSnapshot(snapshot));
            assertThat(staged.chunks()).isEqualTo(10);
            assertThat(backfill.copy(new CopyRequest(2)).ok()).isTrue();
            assertThat(db.target().queryLong("SELECT count(*) FROM metrics.readings")).isEqualTo(480);
            exporter.commit();
        }
    }

    @TimescaleTest
    void rowsLargerThanTheSendBufferArriveWhole(DatabasePair db) {
        String schema = "CREATE SCHEMA wide; CREATE TABLE wide.docs (ts timestamptz NOT NULL, body text);"
                + "SELECT create_hypertable('wide.docs', 'ts', chunk_time_interval => interval '1 day');";
        db.source().execute(schema, "INSERT INTO wide.docs SELECT timestamptz '2024-01-01' + i * interval '1 hour', "
                + "CASE WHEN i % 3 = 0 THEN repeat(md5(i::text), 10000) ELSE md5(i::text) END "
                + "FROM generate_series(0, 71) i");
        db.target().execute(schema);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^wide\\."));
            assertThat(backfill.copy(new CopyRequest(2)).ok()).isTrue();
        }
        String digest = "SELECT md5(string_agg(ts::text || body, ',' ORDER BY ts)) FROM wide.docs";
        assertThat(db.target().queryString(digest)).isEqualTo(db.source().queryString(digest));
        assertThat(db.target().queryLong("SELECT max(length(body)) FROM wide.docs")).isEqualTo(320_000);
    }

    @TimescaleTest
    void copyCreatesTheTargetChunksAndAChunkThatCannotBeCreatedFailsAlone(DatabasePair db) {
        String schema = "CREATE SCHEMA c; CREATE TABLE c.m (ts timestamptz NOT NULL, v int);"
                + "SELECT create_hypertable('c.m', 'ts', chunk_time_interval => interval '1 day');";
        String chunks = "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'm'";
        db.source().execute(schema, "INSERT INTO c.m SELECT timestamptz '2024-01-05' + i * interval '1 hour', i "
                + "FROM generate_series(0, 95) i");
        // The application already writes into the target with two-day chunks: [01-06, 01-08) overlaps two source
        // chunks, which cannot be created with their own slices.
        db.target().execute(schema, "SELECT set_chunk_time_interval('c.m', interval '2 days')",
                "INSERT INTO c.m VALUES ('2024-01-07 12:00+00', -1)");
        try (Backfill backfill = TestBackfills.open(db)) {
            StageResult staged = backfill.stage(StageRequest.until("2030-01-01").withFilter("^c\\.m$"));
            assertThat(staged.hypertables().get(0).newTargetChunks()).isEqualTo(4);
            assertThat(db.target().queryLong(chunks)).as("stage creates no chunk").isEqualTo(1);

            CopyResult copied = backfill.copy(new CopyRequest(2));
            assertThat(copied.chunks()).isEqualTo(2);
            assertThat(copied.failures()).hasSize(2).allSatisfy(f -> assertThat(f.message())
                    .contains("cannot create the target chunk").contains("c.m").contains("collision"));
            assertThat(db.target().queryLong(chunks)).isEqualTo(3);
            assertThat(db.target().queryLong("SELECT count(*) FROM c.m")).isEqualTo(49);
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE worked IS NULL "
                    + "AND target_chunk IS NULL AND copy_message LIKE '%collision%'")).isEqualTo(2);
            assertThat(backfill.verify(new VerifyRequest(2, false, false)).matching()).isEqualTo(2);
        }
    }
}
