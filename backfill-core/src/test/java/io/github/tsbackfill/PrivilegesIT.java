package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.Capability;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.FixtureHypertable;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TestDatabase;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/** The least privileges each side needs, each row of the README's table asserted here. */
class PrivilegesIT {

    private static final String M_AND_HOURLY = """
            CREATE TABLE m (ts timestamptz NOT NULL, v int);
            SELECT create_hypertable('m', 'ts', chunk_time_interval => interval '1 day');
            CREATE MATERIALIZED VIEW m_hourly WITH (timescaledb.continuous, timescaledb.materialized_only = true)
              AS SELECT time_bucket('1 hour', ts) AS bucket, sum(v) AS total FROM m GROUP BY 1 WITH NO DATA;
            """;
    private static final String M_ROWS = "INSERT INTO m SELECT t, 1 FROM generate_series(timestamptz '2024-01-01', "
            + "'2024-01-03', interval '5 min') t";

    /**
     * A new login role that may create {@code __backfill} and schemas' objects in public, having run {@code asRole}
     * (so owning what it created); the pair with the target seen as that role.
     */
    private static DatabasePair ownedBy(DatabasePair db, String role, String password, String asRole) {
        db.target().execute("DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'",
                "GRANT CREATE ON DATABASE " + db.target().database() + " TO " + role,
                "GRANT CREATE ON SCHEMA public TO " + role, "SET ROLE " + role + "; " + asRole);
        return new DatabasePair(db.source(), db.target().as(role, password));
    }

    /**
     * The source is read, never written: the whole workflow runs with a source role that has nothing but
     * {@code pg_read_all_data}, on a source database whose sessions are read-only by default.
     */
    @TimescaleTest(requires = {Capability.COMPRESSION, Capability.CONTINUOUS_AGGREGATES}, versions = TimescaleTest.ALL)
    void theWholeWorkflowRunsWithARoleThatCanOnlyRead(DatabasePair db) throws Exception {
        Fixtures.Installed fixture = Fixtures.install(db);
        String cagg = "CREATE MATERIALIZED VIEW metrics.cpu_hourly WITH (timescaledb.continuous, "
                + "timescaledb.materialized_only = true) AS SELECT time_bucket('1 hour', ts) AS bucket, device, "
                + "count(*) AS n FROM metrics.cpu GROUP BY 1, 2 WITH NO DATA";
        db.source().execute(cagg, "CALL refresh_continuous_aggregate('metrics.cpu_hourly', NULL, NULL)");
        db.target().execute(cagg);
        String hourly = "SELECT bucket, device, n FROM metrics.cpu_hourly ORDER BY 1, 2";
        String role = "reader_" + db.source().database();
        db.source().execute("DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role + " LOGIN PASSWORD 'Read-only-1'",
                "GRANT pg_read_all_data TO " + role,
                "ALTER DATABASE " + db.source().database() + " SET default_transaction_read_only = on");
        TestDatabase reader = db.source().as(role, "Read-only-1");
        DatabasePair pair = new DatabasePair(reader, db.target());
        try (Backfill backfill = TestBackfills.open(pair); Connection exporter = reader.connect()) {
            exporter.setAutoCommit(false);
            String snapshot;
            try (Statement s = exporter.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                try (ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    snapshot = rs.getString(1);
                }
            }
            assertThat(backfill.stage(StageRequest.until("2030-01-01").withSnapshot(snapshot)
                    .withFilter("^(metrics\\.(cpu|readings|daily|space|cpu_hourly)|odd schema\\..*)$")).ok()).isTrue();
            assertThat(backfill.stage(StageRequest.until("1000000").withFilter("^metrics\\.events_")).ok()).isTrue();

            CopyResult copied = backfill.copy(new CopyRequest(2));
            assertThat(copied.failures()).isEmpty();
            for (FixtureHypertable h : fixture.hypertables()) {
                assertThat(TestBackfills.count(db.target(), h)).as(h.qualifiedName()).isEqualTo(h.rows());
            }
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE copy_mode = 'compressed'"))
                    .isPositive();
            VerifyResult verified = backfill.verify(new VerifyRequest(2, true, false));
            assertThat(verified.ok()).as("%s", verified).isTrue();
            exporter.commit();
            assertThat(backfill.status().hypertables()).isNotEmpty();
            backfill.refreshCaggs(RefreshRequest.all().withSourceWatermarks());
            assertThat(db.target().query(hourly)).isNotEmpty().isEqualTo(reader.query(hourly));
        } finally {
            db.source().execute("SET default_transaction_read_only = off",
                    "ALTER DATABASE " + db.source().database() + " RESET default_transaction_read_only",
                    "DROP ROLE IF EXISTS " + role);
        }
    }

    /**
     * The target needs no superuser: a role that owns the hypertables (and their schemas) and may create a schema
     * in the database stages, copies (compressed chunks included), verifies and cleans.
     */
    @TimescaleTest(requires = Capability.COMPRESSION, versions = TimescaleTest.ALL)
    void theTargetNeedsOnlyOwnershipOfItsHypertablesAndCreateOnTheDatabase(DatabasePair db) {
        Fixtures.Installed fixture = Fixtures.install(db);
        String role = "owner_" + db.target().database();
        db.target().execute("DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role + " LOGIN PASSWORD 'Owner-1'",
                "GRANT CREATE ON DATABASE " + db.target().database() + " TO " + role,
                "ALTER SCHEMA metrics OWNER TO " + role, "ALTER SCHEMA \"Odd Schema\" OWNER TO " + role);
        for (List<Object> h : db.target().query("SELECT format('%I.%I', hypertable_schema, hypertable_name) "
                + "FROM timescaledb_information.hypertables")) {
            db.target().execute("ALTER TABLE " + h.get(0) + " OWNER TO " + role);
        }
        DatabasePair pair = new DatabasePair(db.source(), db.target().as(role, "Owner-1"));
        try (Backfill backfill = TestBackfills.open(pair)) {
            TestBackfills.stageAll(backfill);
            assertThat(backfill.copy(new CopyRequest(2)).failures()).isEmpty();
            for (FixtureHypertable h : fixture.hypertables()) {
                assertThat(TestBackfills.count(db.target(), h)).as(h.qualifiedName()).isEqualTo(h.rows());
            }
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE copy_mode = 'compressed'"))
                    .isPositive();
            assertThat(backfill.verify(new VerifyRequest(2, true, false)).ok()).isTrue();
            assertThat(backfill.clean().dropped()).isTrue();
        } finally {
            db.target().execute("REASSIGN OWNED BY " + role + " TO CURRENT_USER", "DROP OWNED BY " + role,
                    "DROP ROLE IF EXISTS " + role);
        }
    }

    /** refresh-caggs needs no superuser either: the owner of the aggregates (and the tables under them) suffices. */
    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES)
    void refreshCaggsNeedsOnlyOwnershipOfTheAggregates(DatabasePair db) {
        String role = "caggowner_" + db.target().database();
        String hourly = "SELECT bucket, total FROM m_hourly ORDER BY 1";
        db.source().execute(M_AND_HOURLY, M_ROWS, "CALL refresh_continuous_aggregate('m_hourly', NULL, NULL)");
        DatabasePair pair = ownedBy(db, role, "Owner-2", M_AND_HOURLY);
        try (Backfill backfill = TestBackfills.open(pair)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^public\\.m$"));
            assertThat(backfill.copy(new CopyRequest(2)).failures()).isEmpty();
            assertThat(backfill.refreshCaggs(RefreshRequest.all()).refreshed()).isNotEmpty();
            assertThat(db.target().query(hourly)).isEqualTo(db.source().query(hourly));
        } finally {
            db.target().execute("REASSIGN OWNED BY " + role + " TO CURRENT_USER", "DROP OWNED BY " + role,
                    "DROP ROLE IF EXISTS " + role);
        }
    }
    /**
     * copy --pause-policies needs to own the jobs it pauses: TimescaleDB lets only a job's owner alter it, and a
     * policy's job belongs to the owner of its hypertable or aggregate. An aggregate owned by another role refuses
     * the copy before anything is paused or copied, naming the job; the role's own jobs are paused and resumed
     * without superuser.
     */
    @TimescaleTest(requires = Capability.CONTINUOUS_AGGREGATES)
    void pausingPoliciesNeedsOwnershipOfTheJobs(DatabasePair db) {
        String role = "jobowner_" + db.target().database();
        db.source().execute(M_AND_HOURLY, M_ROWS);
        DatabasePair pair = ownedBy(db, role, "Owner-3", M_AND_HOURLY + "SELECT add_continuous_aggregate_policy("
                + "'m_hourly', interval '3 days', interval '1 hour', interval '1 hour');");
        // An aggregate over m that another role (the superuser) owns, and so its refresh job.
        db.target().execute("CREATE MATERIALIZED VIEW m_daily WITH (timescaledb.continuous) AS SELECT time_bucket("
                + "'1 day', ts) AS day, sum(v) AS total FROM m GROUP BY 1 WITH NO DATA");
        long foreign = db.target().queryLong("SELECT add_continuous_aggregate_policy('m_daily', interval '30 days', "
                + "interval '1 day', interval '1 day')");
        String scheduled = "SELECT count(*) FROM _timescaledb_config.bgw_job WHERE scheduled AND hypertable_id IS NOT NULL";
        try (Backfill backfill = TestBackfills.open(pair)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^public\\.m$"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> backfill.copy(new CopyRequest(1).withPausedPolicies(true)))
                    .isInstanceOfSatisfying(BackfillException.class,
                            e -> assertThat(e.kind()).isEqualTo(BackfillException.Kind.PRECONDITION))
                    .hasMessageContaining("cannot pause job " + foreign
                            + " (policy_refresh_continuous_aggregate on public.m_daily)");
            assertThat(db.target().queryLong(scheduled)).as("nothing paused").isEqualTo(2);
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL"))
                    .as("nothing copied").isZero();

            db.target().execute("SELECT remove_continuous_aggregate_policy('m_daily')");
            CopyResult copied = backfill.copy(new CopyRequest(1).withPausedPolicies(true));
            assertThat(copied.ok()).isTrue();
            assertThat(copied.pausedPolicies()).singleElement()
                    .satisfies(p -> assertThat(p.policy()).isEqualTo("policy_refresh_continuous_aggregate"));
            assertThat(db.target().queryLong(scheduled)).isZero();
            // refresh-caggs needs to own every aggregate it refreshes, and says so; the policies stay paused.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> backfill.refreshCaggs(RefreshRequest.all()))
                    .hasMessageContaining("must be owner of continuous aggregate \"m_daily\"")
                    .hasMessageContaining("must own the continuous aggregates it refreshes");
            assertThat(db.target().queryLong(scheduled)).isZero();
            assertThat(backfill.refreshCaggs(new RefreshRequest("hourly", false)).stillPausedPolicies()).hasSize(1);
            assertThat(backfill.clean().resumedPolicies()).hasSize(1);
            assertThat(db.target().queryLong(scheduled)).isEqualTo(1);
        } finally {
            db.target().execute("REASSIGN OWNED BY " + role + " TO CURRENT_USER", "DROP OWNED BY " + role,
                    "DROP ROLE IF EXISTS " + role);
        }
    }
}
