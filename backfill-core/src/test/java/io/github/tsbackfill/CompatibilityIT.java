package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.Capability;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.FixtureHypertable;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;
import org.slf4j.LoggerFactory;

/**
 * Between TimescaleDB versions and PostgreSQL servers (the classic migration: an old self-hosted PostgreSQL 15
 * source into a current target): every fixture hypertable arrives whole, compressed chunks stored as is where the
 * target reads their format, else recompressed with the reason stored.
 */
class CompatibilityIT {

    @TimescaleTest(requires = Capability.COMPRESSION, versions = {"oldest->newest", "newest->oldest",
        "2.13.1@pg15->2.22.1@pg17", "2.17.2@pg15->2.29.2@pg17", "2.13.1@pg15->2.17.2@pg15", "2.29.2@pg17->2.17.2@pg15"})
    void copiesCompressedChunksAcrossVersions(DatabasePair db) {
        Fixtures.Installed fixture = Fixtures.install(db);
        FixtureHypertable cpu = fixture.get("metrics", "cpu");
        try (Backfill backfill = TestBackfills.open(db)) {
            TestBackfills.stageAll(backfill);
            CopyResult copied = backfill.copy(new CopyRequest(2));
            assertThat(copied.failures()).isEmpty();
            for (FixtureHypertable h : fixture.hypertables()) {
                assertThat(TestBackfills.count(db.target(), h)).as(h.qualifiedName()).isEqualTo(h.rows());
            }
            assertThat(db.target().queryLong("SELECT count(*) FROM timescaledb_information.chunks "
                    + "WHERE hypertable_name = 'cpu' AND is_compressed")).as("compressed on the target")
                    .isEqualTo(cpu.compressedChunks());
            long asIs = db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE copy_mode = 'compressed'");
            long recompressed = db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE copy_mode = 'recompressed'");
            assertThat(asIs + recompressed).isEqualTo(fixture.hypertables().stream()
                    .mapToLong(FixtureHypertable::compressedChunks).sum());
            LoggerFactory.getLogger(CompatibilityIT.class).info("{} -> {}: {} compressed chunk(s) as is, {} recompressed ({})",
                    db.source().timescaleVersion(), db.target().timescaleVersion(), asIs, recompressed,
                    db.target().queryString("SELECT string_agg(DISTINCT copy_note, ' | ') FROM __backfill.task "
                            + "WHERE copy_mode = 'recompressed'"));
            boolean downgrade = io.github.tsbackfill.testkit.Versions.compare(db.source().timescaleVersion(),
                    db.target().timescaleVersion()) > 0;
            if (downgrade) {
                assertThat(recompressed).as("an older target never receives newer compressed data").isEqualTo(asIs + recompressed);
            }
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE copy_mode = 'recompressed' "
                    + "AND copy_note IS NULL")).as("every recompressed chunk says why").isZero();
            assertThat(backfill.verify(new VerifyRequest(2, true, false)).ok()).isTrue();
        }
    }
}
