package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.Capability;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.TestDatabase;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.List;

/**
 * copy --freeze: whole chunks arrive with every page frozen where the target can do it; the others, and every chunk
 * elsewhere, are copied as usual; all correctly.
 */
class FreezeIT {

    private static final String SCHEMA = """
            CREATE TABLE m (ts timestamptz NOT NULL, dev int, v text);
            SELECT create_hypertable('m', 'ts', chunk_time_interval => interval '1 day');
            """;
    /** Four days; --until takes three whole chunks and half of the fourth. */
    private static final String ROWS = "INSERT INTO m SELECT '2024-01-01'::timestamptz + g * interval '10 seconds', "
            + "g % 7, 'row ' || g FROM generate_series(0, 34559) g";
    private static final String UNTIL = "2024-01-04 12:00:00+00";

    /** Chunks (by their first row's day) whose pages are all frozen on the target. */
    private static final String FROZEN_DAYS = """
            SELECT string_agg(day, ',' ORDER BY day) FROM (
              SELECT to_char(min(ts) AT TIME ZONE 'UTC', 'DD') AS day, tableoid
              FROM m GROUP BY tableoid) c
            WHERE (SELECT bool_and(all_frozen) FROM pg_visibility_map(c.tableoid))
            """;

    /** The hypertable on both sides, its rows on the source, staged up to {@link #UNTIL}. */
    private static Backfill staged(DatabasePair db) {
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute(SCHEMA);
        }
        db.source().execute(ROWS);
        db.target().execute("CREATE EXTENSION IF NOT EXISTS pg_visibility");
        Backfill backfill = TestBackfills.open(db);
        backfill.stage(StageRequest.until(UNTIL));
        return backfill;
    }

    @TimescaleTest(versions = TimescaleTest.ALL)
    void wholeChunksArriveFrozenAndPartialOnesAsUsual(DatabasePair db) {
        try (Backfill backfill = staged(db)) {
            CopyResult copied = backfill.copy(new CopyRequest(2).withFreeze(true));
            assertThat(copied.ok()).isTrue();
            assertThat(copied.rows()).isEqualTo(30240);

            String frozen = freezes(db.target()) ? "01,02,03" : null;
            assertThat(db.target().queryString(FROZEN_DAYS)).isEqualTo(frozen);
            assertThat(backfill.verify(new VerifyRequest(2, true, false)).ok()).isTrue();

            // A second copy of everything empties each whole chunk again: nothing doubled, the count reported.
            CopyResult again = backfill.copy(new CopyRequest(2).withFreeze(true).withRecopy(Recopy.ALL));
            assertThat(again.replacedRows()).isEqualTo(30240);
            assertThat(db.target().queryLong("SELECT count(*) FROM m")).isEqualTo(30240);
            assertThat(db.target().queryString(FROZEN_DAYS)).isEqualTo(frozen);
            assertThat(backfill.verify(new VerifyRequest(2, true, false)).ok()).isTrue();
        }
    }

    /**
     * Where FREEZE can work: the target creates chunks (an Apache build gets rows routed through its hypertable) and
     * predates 2.23, whose own COPY into a chunk ignores FREEZE.
     */
    private static boolean freezes(TestDatabase target) {
        String[] version = target.queryString("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")
                .split("\\.");
        boolean before223 = Integer.parseInt(version[0]) == 2 && Integer.parseInt(version[1]) < 23;
        return target.has(Capability.COMPRESSION) && before223;
    }

    @TimescaleTest
    void withoutFreezeNothingIsFrozen(DatabasePair db) {
        try (Backfill backfill = staged(db)) {
            assertThat(backfill.copy(new CopyRequest(2)).ok()).isTrue();
            assertThat(db.target().queryString(FROZEN_DAYS)).isNull();
        }
    }
}
