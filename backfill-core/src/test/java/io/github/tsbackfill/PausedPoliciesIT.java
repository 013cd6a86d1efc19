package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.Capability;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.TestDatabase;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.List;

/**
 * copy --pause-policies: the target's policy jobs on the staged hypertables and the caggs over them are unscheduled
 * and recorded; control --resume-policies, refresh-caggs (once everything is copied) and clean put back exactly
 * those. Jobs on other hypertables, and jobs the user had unscheduled, are left as they were.
 */
class PausedPoliciesIT {

    private static final String SCHEMA = """
            CREATE TABLE m (ts timestamptz NOT NULL, dev int, v double precision);
            SELECT create_hypertable('m', 'ts', chunk_time_interval => interval '1 day');
            ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_segmentby = 'dev');
            CREATE MATERIALIZED VIEW m_hourly WITH (timescaledb.continuous) AS
                SELECT time_bucket('1 hour', ts) AS bucket, dev, avg(v) AS v FROM m GROUP BY 1, 2 WITH NO DATA;
            CREATE MATERIALIZED VIEW m_daily WITH (timescaledb.continuous) AS
                SELECT time_bucket('1 day', bucket) AS day, dev, max(v) AS v FROM m_hourly GROUP BY 1, 2 WITH NO DATA;
            CREATE TABLE other (ts timestamptz NOT NULL, x int);
            SELECT create_hypertable('other', 'ts');
            """;
    private static final String POLICIES = """
            SELECT add_retention_policy('m', interval '100 years');
            SELECT add_compression_policy('m', interval '50 years');
            SELECT add_continuous_aggregate_policy('m_hourly', start_offset => interval '3 days',
                end_offset => interval '1 hour', schedule_interval => interval '1 hour');
            SELECT add_continuous_aggregate_policy('m_daily', start_offset => interval '30 days',
                end_offset => interval '1 day', schedule_interval => interval '1 day');
            SELECT add_retention_policy('other', interval '100 years');
            """;

    /** proc_name and scheduled of every policy job, keyed "proc on object", in a stable order. */
    private static List<String> jobs(TestDatabase target) {
        return target.query("""
                SELECT j.proc_name || ' on ' || coalesce(a.user_view_name, h.table_name) || ': '
                       || CASE WHEN j.scheduled THEN 'scheduled' ELSE 'paused' END
                FROM _timescaledb_config.bgw_job j
                JOIN _timescaledb_catalog.hypertable h ON h.id = j.hypertable_id
                LEFT JOIN _timescaledb_catalog.continuous_agg a ON a.mat_hypertable_id = h.id
                ORDER BY 1""").stream().map(row -> (String) row.get(0)).toList();
    }

    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES, versions = {TimescaleTest.OLDEST, TimescaleTest.NEWEST})
    void pausesThePoliciesOfStagedHypertablesAndTheirCaggsAndEveryWayBackRestoresExactlyThose(DatabasePair db) {
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute(SCHEMA);
        }
        db.source().execute("INSERT INTO m SELECT '2024-01-01'::timestamptz + g * interval '1 minute', g % 5, g "
                + "FROM generate_series(0, 4 * 1440 - 1) g");
        db.target().execute(POLICIES);
        // A policy the user paused before the backfill stays paused after it.
        db.target().execute("SELECT alter_job(job_id, scheduled => false) FROM timescaledb_information.jobs "
                + "WHERE proc_name = 'policy_compression'");
        List<String> before = jobs(db.target());
        assertThat(before).hasSize(5).contains("policy_compression on m: paused", "policy_retention on other: scheduled");
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^public\\.m$"));

            CopyResult copied = backfill.copy(new CopyRequest(1).withPausedPolicies(true));
            assertThat(copied.ok()).isTrue();
            List<String> paused = List.of("policy_compression on m: paused",
                    "policy_refresh_continuous_aggregate on m_daily: paused",
                    "policy_refresh_continuous_aggregate on m_hourly: paused", "policy_retention on m: paused",
                    "policy_retention on other: scheduled");
            assertThat(jobs(db.target())).containsExactlyElementsOf(paused);
            assertThat(copied.pausedPolicies()).extracting(PausedPolicy::policy).containsExactlyInAnyOrder(
                    "policy_retention", "policy_refresh_continuous_aggregate", "policy_refresh_continuous_aggregate");
            assertThat(copied.pausedPolicies()).extracting(PausedPolicy::object)
                    .containsExactlyInAnyOrder("public.m", "public.m_hourly", "public.m_daily");
            assertThat(backfill.status().pausedPolicies()).hasSize(3);

            // Paused twice records nothing twice, and the user's own pause is never taken for ours.
            assertThat(backfill.copy(new CopyRequest(1).withPausedPolicies(true)).pausedPolicies()).hasSize(3);
            assertThat(backfill.resumePolicies()).hasSize(3);
            assertThat(jobs(db.target())).isEqualTo(before);
            assertThat(backfill.status().pausedPolicies()).isEmpty();

            // refresh-caggs resumes them once everything is copied and every aggregate was considered.
            backfill.copy(new CopyRequest(1).withPausedPolicies(true));
            assertThat(backfill.refreshCaggs(new RefreshRequest("m_hourly", false)).stillPausedPolicies()).hasSize(3);
            assertThat(jobs(db.target())).isEqualTo(paused);
            RefreshResult refreshed = backfill.refreshCaggs(RefreshRequest.all());
            assertThat(refreshed.resumedPolicies()).hasSize(3);
            assertThat(jobs(db.target())).isEqualTo(before);

            // clean resumes them too; one removed meanwhile is forgotten, not recreated.
            backfill.copy(new CopyRequest(1).withPausedPolicies(true));
            assertThat(jobs(db.target())).isEqualTo(paused);
            db.target().execute("SELECT remove_continuous_aggregate_policy('m_daily')");
            CleanResult cleaned = backfill.clean();
            assertThat(cleaned.dropped()).isTrue();
            assertThat(cleaned.resumedPolicies()).extracting(PausedPolicy::object)
                    .containsExactlyInAnyOrder("public.m", "public.m_hourly");
            assertThat(jobs(db.target())).isEqualTo(before.stream()
                    .filter(j -> !j.startsWith("policy_refresh_continuous_aggregate on m_daily")).toList());
        }
    }
}
