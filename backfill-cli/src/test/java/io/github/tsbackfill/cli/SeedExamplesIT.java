package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.TimescaleTest;

/** The seed's usage examples, verbatim, against real TimescaleDB. */
class SeedExamplesIT {

    @TimescaleTest(versions = TimescaleTest.ALL)
    void backfillingWithAFilterAndUntilDate(DatabasePair db) {
        CliRunner.seedSchema(db);
        String[] commands = {
            "timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB --filter 'my_table.*' --until '2016-01-02T00:00:00'",
            "timescaledb-backfill copy --source $SOURCE_DB --target $TARGET_DB",
            "timescaledb-backfill verify --source $SOURCE_DB --target $TARGET_DB",
        };
        for (String command : commands) {
            CliRunner.Run run = CliRunner.run(db, CliRunner.seedCommand(db, command));
            assertThat(run.exit()).as("%s\n%s\n%s", command, run.out(), run.err()).isZero();
        }
        assertThat(db.target().queryLong("SELECT count(*) FROM public.my_table")).isEqualTo(120);
        assertThat(db.target().queryLong("SELECT count(*) FROM public.other_table")).isZero();
        // The seed's progress query, verbatim.
        assertThat(db.target().query("""
                select
                    hypertable_schema,
                    hypertable_name,
                    count(*) as total_chunks,
                    count(worked) as finished_chunks,
                    count(worked is null) pending_chunks
                from __backfill.task
                group by
                    1,
                    2""")).singleElement().satisfies(row -> {
                        assertThat(row.get(1)).isEqualTo("my_table");
                        assertThat(row.get(2)).isEqualTo(row.get(3));
                    });
        CliRunner.Run clean = CliRunner.run(db, CliRunner.seedCommand(db, "timescaledb-backfill clean --target $TARGET_DB"));
        assertThat(clean.exit()).isZero();
        assertThat(db.target().queryString("SELECT to_regnamespace('__backfill')")).isNull();
    }

    @TimescaleTest(versions = TimescaleTest.ALL)
    void runningMultipleStagesWithDifferentFiltersAndUntilDates(DatabasePair db) {
        CliRunner.seedSchema(db);
        String[] commands = {
            "timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB --filter 'schema1.table_with_time_as_timestampz' --until '2015-01-01T00:00:00'",
            "timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB --filter 'schema1.table_with_time_as_bigint' --until '91827364'",
            "timescaledb-backfill stage --source $SOURCE_DB --target $TARGET_DB --filter 'schema2.*' --until '2017-01-01T00:00:00'",
            "timescaledb-backfill copy --source $SOURCE_DB --target $TARGET_DB",
            "timescaledb-backfill verify --source $SOURCE_DB --target $TARGET_DB",
            "timescaledb-backfill clean --target $TARGET_DB",
        };
        for (String command : commands) {
            CliRunner.Run run = CliRunner.run(db, CliRunner.seedCommand(db, command));
            assertThat(run.exit()).as("%s\n%s\n%s", command, run.out(), run.err()).isZero();
        }
        assertThat(db.target().queryLong("SELECT count(*) FROM schema1.table_with_time_as_timestampz")).isEqualTo(365);
        assertThat(db.target().queryLong("SELECT count(*) FROM schema1.table_with_time_as_bigint")).isEqualTo(919);
        assertThat(db.target().queryLong("SELECT count(*) FROM schema2.a"))
                .isEqualTo(db.source().queryLong("SELECT count(*) FROM schema2.a WHERE time < '2017-01-01'")).isEqualTo(580);
        assertThat(db.target().queryLong("SELECT count(*) FROM schema2.b")).isEqualTo(580);
        assertThat(db.target().queryLong("SELECT count(*) FROM public.my_table")).isZero();
    }
}
