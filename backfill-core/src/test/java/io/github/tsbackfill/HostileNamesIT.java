package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.Capability;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.TimescaleTest;

/**
 * Identifiers built to break string-glued SQL: a schema with a dot and a keyword, a table with a space and upper
 * case, a time column named by a keyword, columns with dots, quotes, unicode; compressed (segmented by a keyword
 * column) where the build allows. Staged, copied and deep-verified on every version.
 */
class HostileNamesIT {

    private static final String SCHEMA = """
            CREATE SCHEMA "select.from";
            CREATE TABLE "select.from"."Order By" ("when" timestamptz NOT NULL, "group" int NOT NULL, "a.b" text,
                                                   "Ünï ""q\""" numeric, "JSON" jsonb, "; DROP TABLE x; --" int);
            SELECT create_hypertable('"select.from"."Order By"', 'when', chunk_time_interval => interval '1 day');
            """;

    @TimescaleTest(versions = TimescaleTest.ALL)
    void stagesCopiesAndVerifiesHostileIdentifiers(DatabasePair db) {
        boolean compression = db.source().has(Capability.COMPRESSION);
        String compress = "ALTER TABLE \"select.from\".\"Order By\" SET (timescaledb.compress, "
                + "timescaledb.compress_segmentby = '\"group\"')";
        db.source().execute(SCHEMA, """
                INSERT INTO "select.from"."Order By"
                SELECT timestamptz '2024-01-01' + i * interval '20 min', i % 4, 'x.' || i, i / 3.0,
                       jsonb_build_object('i', i), -i
                FROM generate_series(0, 719) i
                """);
        db.target().execute(SCHEMA);
        if (compression) {
            db.source().execute(compress, "SELECT count(compress_chunk(c)) FROM show_chunks('\"select.from\".\"Order By\"', "
                    + "older_than => timestamptz '2024-01-06') c");
            db.target().execute(compress);
        }
        try (Backfill backfill = TestBackfills.open(db)) {
            StageResult staged = backfill.stage(StageRequest.until("2024-01-09T12:00:00Z").withFilter("^select\\.from\\.order by$"));
            assertThat(staged.hypertables()).singleElement().satisfies(h -> {
                assertThat(h.hypertable()).isEqualTo("select.from.Order By");
                assertThat(h.chunks()).isEqualTo(9);
                assertThat(h.partial()).isEqualTo(1);
            });
            CopyResult copied = backfill.copy(new CopyRequest(2));
            assertThat(copied.failures()).isEmpty();
            assertThat(backfill.verify(new VerifyRequest(2, true, false)).ok()).isTrue();
        }
        String digest = "SELECT count(*) || md5(string_agg(t::text, ',' ORDER BY \"when\", \"group\")) "
                + "FROM \"select.from\".\"Order By\" t WHERE \"when\" < '2024-01-09T12:00:00Z'";
        assertThat(db.target().queryString(digest)).isEqualTo(db.source().queryString(digest)).startsWith("612");
        if (compression) {
            assertThat(db.target().queryLong("SELECT count(*) FROM timescaledb_information.chunks "
                    + "WHERE hypertable_name = 'Order By' AND is_compressed")).isEqualTo(5);
        }
    }
}
