package io.github.tsbackfill;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.FixtureHypertable;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TestDatabase;

/** Shortcuts for integration tests: a Backfill on a test pair, and the fixture staged in full. */
final class TestBackfills {

    private TestBackfills() {
    }

    static Backfill open(DatabasePair db) {
        return open(db, BackfillListener.NONE);
    }

    static Backfill open(DatabasePair db, BackfillListener listener) {
        return Backfill.create(BackfillConfig.builder()
                .source(endpoint(db.source()))
                .target(endpoint(db.target()))
                .listener(listener)
                .build());
    }

    static DatabaseEndpoint endpoint(TestDatabase db) {
        return DatabaseEndpoint.of(db.jdbcUrl(), db.user(), db.password());
    }

    /** Stages every fixture hypertable completely: time-based ones with a date, integer-time ones with a number. */
    static void stageAll(Backfill backfill) {
        backfill.stage(StageRequest.until("2030-01-01").withFilter("^(metrics\\.(cpu|readings|daily|space)|odd schema\\..*)$"));
        backfill.stage(StageRequest.until("1000000").withFilter("^metrics\\.events_"));
    }

    static long count(TestDatabase db, FixtureHypertable h) {
        return db.queryLong("SELECT count(*) FROM " + h.qualifiedName());
    }

    static long count(TestDatabase db, FixtureHypertable h, String where) {
        return db.queryLong("SELECT count(*) FROM " + h.qualifiedName() + " WHERE " + where);
    }

    static Fixtures.Installed install(DatabasePair db) {
        return Fixtures.install(db);
    }
}
