package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.Capability;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.FixtureHypertable;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;

/** Compressed chunks between different TimescaleDB versions: stored as is where readable, else recompressed. */
class CompatibilityIT {

    @TimescaleTest(requires = Capability.COMPRESSION, versions = {"oldest->newest", "newest->oldest"})
    void copiesCompressedChunksAcrossVersions(DatabasePair db) {
        Fixtures.Installed fixture = Fixtures.install(db);
        FixtureHypertable cpu = fixture.get("metrics", "cpu");
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.cpu$"));
            CopyResult copied = backfill.copy(new CopyRequest(2));
            assertThat(copied.failures()).isEmpty();
            assertThat(TestBackfills.count(db.target(), cpu)).isEqualTo(cpu.rows());
            assertThat(db.target().queryLong("SELECT count(*) FROM timescaledb_information.chunks "
                    + "WHERE hypertable_name = 'cpu' AND is_compressed")).as("compressed on the target")
                    .isEqualTo(cpu.compressedChunks());
            long asIs = db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE copy_mode = 'compressed'");
            long recompressed = db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE copy_mode = 'recompressed'");
            assertThat(asIs + recompressed).isEqualTo(cpu.compressedChunks());
            boolean downgrade = io.github.tsbackfill.testkit.Versions.compare(db.source().timescaleVersion(),
                    db.target().timescaleVersion()) > 0;
            if (downgrade) {
                assertThat(recompressed).as("an older target never receives newer compressed data").isEqualTo(asIs + recompressed);
            }
            assertThat(backfill.verify(new VerifyRequest(2, true, false)).ok()).isTrue();
        }
    }
}
