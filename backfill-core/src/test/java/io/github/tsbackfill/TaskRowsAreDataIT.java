package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.TestDatabase;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.List;

/**
 * Values read back from {@code __backfill.task} reach SQL only as bind values, quoted names or a type from a fixed
 * list: whoever can update the task table cannot make the copier run SQL of their choosing.
 */
class TaskRowsAreDataIT {

    @TimescaleTest(versions = TimescaleTest.ALL)
    void aTamperedTimeTypeOrSliceFunctionFailsTheTaskAndRunsNothing(DatabasePair db) {
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute("CREATE TABLE m (ts timestamptz NOT NULL, dev int NOT NULL, v int)",
                    "SELECT create_hypertable('m', 'ts', chunk_time_interval => interval '1 day')",
                    "SELECT add_dimension('m', 'dev', number_partitions => 2)",
                    "CREATE TABLE canary (x int)");
        }
        db.source().execute("INSERT INTO m SELECT '2024-01-01'::timestamptz + g * interval '1 hour', g % 4, g "
                + "FROM generate_series(0, 47) g");
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2024-01-02 12:00"));
            db.target().execute("UPDATE __backfill.task SET time_type = 'timestamptz) IS NULL OR (SELECT true FROM "
                    + "(SELECT 1) x, LATERAL (SELECT pg_catalog.txid_current()) y) AND (true' WHERE copy_until IS NOT NULL",
                    "UPDATE __backfill.task SET space_function = 'public.drop_canary', space_column = 'dev', "
                    + "space_from = 0, space_until = 1 WHERE copy_until IS NULL");
            for (TestDatabase d : List.of(db.source(), db.target())) {
                d.execute("CREATE FUNCTION public.drop_canary(int) RETURNS bigint LANGUAGE sql AS "
                        + "'DROP TABLE IF EXISTS public.canary; SELECT 0::bigint'");
            }

            CopyResult copied = backfill.copy(new CopyRequest(1));

            assertThat(copied.failures()).isNotEmpty().allSatisfy(f -> assertThat(f.message())
                    .containsAnyOf("unsupported time type", "routed copies support TimescaleDB's own"));
            for (TestDatabase d : List.of(db.source(), db.target())) {
                assertThat(d.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'canary'")).isEqualTo(1);
            }
        }
    }
}
