package io.github.tsbackfill.testkit;

import static org.assertj.core.api.Assertions.assertThat;

class FixturesIT {

    @TimescaleTest(versions = TimescaleTest.ALL)
    void fillsTheSourceAndLeavesTheTargetEmpty(DatabasePair db) {
        Fixtures.Installed fixture = Fixtures.install(db);

        for (FixtureHypertable h : fixture.hypertables()) {
            assertThat(db.source().queryLong("SELECT count(*) FROM " + h.qualifiedName()))
                    .as("rows of %s on the source", h.qualifiedName()).isEqualTo(h.rows());
            assertThat(db.target().queryLong("SELECT count(*) FROM " + h.qualifiedName()))
                    .as("rows of %s on the target", h.qualifiedName()).isZero();
            assertThat(chunks(db.source(), h, "true")).as("chunks of %s", h.qualifiedName()).isEqualTo(h.chunks());
            assertThat(chunks(db.source(), h, "is_compressed")).as("compressed chunks of %s", h.qualifiedName())
                    .isEqualTo(h.compressedChunks());
            assertThat(db.source().queryString("SELECT format_type(d.column_type, null) FROM "
                    + "timescaledb_information.dimensions d WHERE dimension_number = 1 AND hypertable_schema = "
                    + literal(h.schema()) + " AND hypertable_name = " + literal(h.table())))
                    .isEqualTo(h.timeType());
        }
    }

    @TimescaleTest(versions = TimescaleTest.ALL)
    void dropsAColumnOnTheSourceOnlySoAttributeNumbersDiffer(DatabasePair db) {
        Fixtures.install(db);
        String attnum = "SELECT attnum FROM pg_attribute WHERE attrelid = 'metrics.cpu'::regclass AND attname = 'note'";
        assertThat(db.source().queryLong(attnum)).isEqualTo(db.target().queryLong(attnum) + 1);
    }

    @TimescaleTest(requires = Capability.COMPRESSION, versions = TimescaleTest.ALL)
    void compressesSomeChunksAndLeavesOnePartiallyCompressed(DatabasePair db) {
        Fixtures.Installed fixture = Fixtures.install(db);
        assertThat(fixture.compressed()).isTrue();
        assertThat(db.source().queryString("SHOW timescaledb.license")).isEqualTo("timescale");

        String schema = "_timescaledb_functions";
        long partial = db.source().queryLong("SELECT count(*) FROM show_chunks('metrics.cpu') c "
                + "WHERE " + schema + ".chunk_status(c) & 8 = 8");
        assertThat(partial).as("partially compressed chunks").isEqualTo(1);
        assertThat(db.source().queryLong("SELECT count(*) FROM metrics.cpu WHERE device = 9")).isEqualTo(10);
    }

    @TimescaleTest(versions = TimescaleTest.ALL)
    void servesTheRequestedVersionOnBothSides(DatabasePair db) {
        String version = "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'";
        assertThat(db.source().queryString(version)).isEqualTo(db.source().timescaleRelease());
        assertThat(db.target().queryString(version)).isEqualTo(db.target().timescaleRelease());
        assertThat(db.source().database()).isNotEqualTo(db.target().database());
    }

    @TimescaleTest(versions = "oldest->newest")
    void givesMixedVersionPairs(DatabasePair db) {
        assertThat(Versions.compare(db.source().timescaleVersion(), db.target().timescaleVersion()))
                .isLessThanOrEqualTo(0);
        Fixtures.Installed fixture = Fixtures.install(db);
        assertThat(fixture.compressed()).isEqualTo(db.source().has(Capability.COMPRESSION)
                && db.target().has(Capability.COMPRESSION));
    }

    private static long chunks(TestDatabase db, FixtureHypertable h, String condition) {
        return db.queryLong("SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_schema = "
                + literal(h.schema()) + " AND hypertable_name = " + literal(h.table()) + " AND " + condition);
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
