package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.List;

/**
 * Command lines written for the original timescaledb-backfill, in every spelling its options allow (short and long
 * forms, the global --disable-telemetry before or after the command), run unchanged.
 */
class OriginalCommandLinesIT {

    /** Each line, then a query on the target that must answer what the second query answers on the source. */
    private record Step(String command, String onTarget, String onSource) {
    }

    private static final String CHUNKS_IN_RANGE = "SELECT count(*) FROM timescaledb_information.chunks "
            + "WHERE hypertable_schema = 'schema2' AND range_end > '2015-06-01' AND range_start < '2016-01-01'";

    private static final List<Step> STEPS = List.of(
            new Step("timescaledb-backfill --disable-telemetry stage --source $SOURCE_DB --target $TARGET_DB "
                    + "-u '2016-01-01T00:00:00' -f 'public.my_table' -U -D",
                    "SELECT count(*) FROM __backfill.task WHERE hypertable_name = 'my_table'", "SELECT 4"),
            new Step("timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB -f 'schema2.*' "
                    + "-F '2015-06-01T00:00:00' -u '2016-01-01T00:00:00' --disable-telemetry",
                    "SELECT count(*) FROM __backfill.task WHERE hypertable_schema = 'schema2'", CHUNKS_IN_RANGE),
            new Step("timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB --filter "
                    + "'schema1.table_with_time_as_bigint' --until '91827364' --cascade-up --cascade-down",
                    "SELECT count(*) FROM __backfill.task WHERE hypertable_schema = 'schema1'", "SELECT 10"),
            new Step("timescaledb-backfill copy --source $SOURCE_DB --target $TARGET_DB -p 2 --disable-telemetry",
                    "SELECT count(*) FROM __backfill.task WHERE worked IS NULL", "SELECT 0"),
            new Step("timescaledb-backfill --disable-telemetry verify --source $SOURCE_DB --target $TARGET_DB -p 2",
                    "SELECT count(*) FILTER (WHERE verify_ok IS NOT TRUE) FROM __backfill.task", "SELECT 0"),
            new Step("timescaledb-backfill copy --source $SOURCE_DB --target $TARGET_DB --parallelism 1",
                    "SELECT count(*) FROM __backfill.task WHERE worked IS NULL", "SELECT 0"),
            new Step("timescaledb-backfill --disable-telemetry clean --target $TARGET_DB",
                    "SELECT count(*) FROM pg_namespace WHERE nspname = '__backfill'", "SELECT 0"));

    @TimescaleTest
    void runUnchanged(DatabasePair db) {
        CliRunner.seedSchema(db);
        for (Step step : STEPS) {
            CliRunner.Run run = CliRunner.run(db, CliRunner.seedCommand(db, step.command()));
            assertThat(run.exit()).as("%s\n%s\n%s", step.command(), run.out(), run.err()).isZero();
            assertThat(db.target().queryLong(step.onTarget())).as(step.command())
                    .isEqualTo(db.source().queryLong(step.onSource()));
        }
        assertThat(db.target().queryLong("SELECT count(*) FROM schema2.a"))
                .isEqualTo(db.source().queryLong("SELECT count(*) FROM schema2.a WHERE time >= '2015-06-01' "
                        + "AND time < '2016-01-01'")).isPositive();
    }

    @TimescaleTest
    void snapshotHasItsShortForm(DatabasePair db) throws Exception {
        CliRunner.seedSchema(db);
        try (java.sql.Connection exporter = db.source().connect()) {
            exporter.setAutoCommit(false);
            exporter.createStatement().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            String snapshot = exportSnapshot(exporter);
            CliRunner.Run run = CliRunner.run(db, CliRunner.seedCommand(db, "timescaledb-backfill stage --source "
                    + "$SOURCE_DB --target $TARGET_DB -f 'public.my_table' -u '2030-01-01' -s " + snapshot));
            assertThat(run.exit()).as("%s\n%s", run.out(), run.err()).isZero();
            assertThat(db.target().queryLong("SELECT count(DISTINCT snapshot) FROM __backfill.task "
                    + "WHERE snapshot = '" + snapshot + "'")).isEqualTo(1);
        }
    }

    private static String exportSnapshot(java.sql.Connection c) throws java.sql.SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
