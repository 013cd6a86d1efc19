package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;

/**
 * A queue staged by an earlier version of layout 1, without the objects later versions added (worker identity,
 * control, live workers, paused policies): copy, status and control work on it, adding what is missing.
 */
class QueueUpgradeIT {

    @TimescaleTest
    void aQueueStagedByAnEarlierVersionGainsWhatThisOneNeeds(DatabasePair db) {
        Fixtures.install(db, false);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.cpu$"));
            db.target().execute("DROP VIEW __backfill.live_worker", "DROP TABLE __backfill.paused_job",
                    "DROP TABLE __backfill.worker", "DROP TABLE __backfill.control",
                    "ALTER TABLE __backfill.task DROP COLUMN claimed_by, DROP COLUMN claimed_at");

            CopyResult copied = backfill.copy(new CopyRequest(2).withPausedPolicies(true));
            assertThat(copied.ok()).isTrue();
            assertThat(db.target().queryLong("SELECT count(*) FROM metrics.cpu")).isEqualTo(5770);
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE claimed_by IS NULL")).isZero();
            StatusResult status = backfill.status();
            assertThat(status.copied()).isEqualTo(status.chunks());
            assertThat(status.pausedPolicies()).isEmpty();
            assertThat(backfill.control(new ControlRequest(true, null, null)).paused()).isTrue();
            assertThat(backfill.clean().dropped()).isTrue();
        }
    }
}
