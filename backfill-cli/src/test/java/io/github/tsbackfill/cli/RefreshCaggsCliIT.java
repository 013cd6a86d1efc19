package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.Capability;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.List;
import java.util.Map;

/** stage --cascade-up, copy, refresh-caggs through the real CLI: exit codes, the policy refusal, JSON. */
class RefreshCaggsCliIT {

    private static final String SCHEMA = """
            CREATE TABLE m (ts timestamptz NOT NULL, v int);
            SELECT create_hypertable('m', 'ts', chunk_time_interval => interval '1 day');
            CREATE MATERIALIZED VIEW m_daily WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
              SELECT time_bucket('1 day', ts) AS day, sum(v) AS total FROM m GROUP BY 1 WITH NO DATA;
            """;
    private static final String DAILY = "SELECT day, total FROM m_daily ORDER BY 1";

    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES)
    void refreshesAfterCopyAndRefusesWhilePoliciesRun(DatabasePair db) {
        db.source().execute(SCHEMA, "INSERT INTO m SELECT t, 1 FROM generate_series(timestamptz '2024-01-01', "
                + "'2024-01-05', interval '1 hour') t");
        db.source().execute("CALL refresh_continuous_aggregate('m_daily', NULL, NULL)");
        db.target().execute(SCHEMA);
        long job = db.target().queryLong("SELECT add_continuous_aggregate_policy('m_daily', NULL, NULL, interval '1 hour')");

        CliRunner.Run stage = CliRunner.run(db, "stage", "--until", "2024-01-04", "--filter", "^public\\.m$",
                "--cascade-up", "--output", "json");
        assertThat(stage.exit()).as(stage.err()).isZero();
        assertThat((List<?>) JsonDocument.object(stage.out()).get("hypertables")).hasSize(2);
        CliRunner.Run copy = CliRunner.run(db, "copy", "-p", "2");
        assertThat(copy.exit()).isZero();
        assertThat(copy.out()).contains("Continuous aggregates over the copied data: public.m_daily")
                .contains("run refresh-caggs");
        assertThat(db.target().query(DAILY)).as("materialized rows copied by --cascade-up").hasSize(3)
                .isEqualTo(db.source().query(DAILY + " LIMIT 3"));

        CliRunner.Run refused = CliRunner.run(db, "refresh-caggs");
        assertThat(refused.exit()).isEqualTo(ExitCode.PRECONDITION);
        assertThat(refused.err()).contains("job " + job).contains("--force").doesNotContain("Exception");

        CliRunner.Run forced = CliRunner.run(db, "refresh-caggs", "--force", "--output", "json");
        assertThat(forced.exit()).as(forced.err()).isZero();
        List<?> refreshed = (List<?>) JsonDocument.object(forced.out()).get("refreshed");
        assertThat(refreshed).singleElement().satisfies(r -> assertThat(((Map<?, ?>) r).get("cagg")).isEqualTo("public.m_daily"));
        assertThat(db.target().query(DAILY)).isEqualTo(db.source().query(DAILY + " LIMIT 3"));
    }

    /** The original tool's spelling: refresh the target's aggregates up to the source's watermarks. */
    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES)
    void originalCommandLineRefreshesUpToTheSourceWatermarks(DatabasePair db) {
        String rows = "INSERT INTO m SELECT t, 1 FROM generate_series(timestamptz '2024-01-01', '2024-01-05', interval '1 hour') t";
        db.source().execute(SCHEMA, rows, "CALL refresh_continuous_aggregate('m_daily', NULL, NULL)");
        db.target().execute(SCHEMA, rows, "CALL refresh_continuous_aggregate('m_daily', NULL, '2024-01-02')");

        CliRunner.Run run = CliRunner.run(db, CliRunner.seedCommand(db, "timescaledb-backfill refresh-caggs "
                + "--source $SOURCE_DB --target $TARGET_DB -f 'public.m_[[:alpha:]]+' -U -D --disable-telemetry"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("public.m_daily").contains("up to the source's watermark");
        assertThat(db.target().query(DAILY)).hasSize(5).isEqualTo(db.source().query(DAILY));
    }
}
