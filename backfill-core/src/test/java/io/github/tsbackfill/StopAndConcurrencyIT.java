package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.FixtureHypertable;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

class StopAndConcurrencyIT {

    @TimescaleTest
    void gracefulStopFinishesTheCurrentChunkAndLeavesTheRestPending(DatabasePair db) {
        Fixtures.install(db);
        AtomicReference<Backfill> self = new AtomicReference<>();
        try (Backfill backfill = TestBackfills.open(db, event -> {
            if (event instanceof BackfillEvent.TaskStarted) {
                self.get().requestStop();
            }
        })) {
            self.set(backfill);
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.cpu$"));
            CopyResult result = backfill.copy(new CopyRequest(1));

            assertThat(result.stopped()).isTrue();
            assertThat(result.chunks()).isEqualTo(1);
            assertThat(result.pending()).isEqualTo(9);
            long copiedRows = db.target().queryLong("SELECT sum(rows_copied) FROM __backfill.task WHERE worked IS NOT NULL");
            assertThat(db.target().queryLong("SELECT count(*) FROM metrics.cpu")).isEqualTo(copiedRows).isPositive();
        }
    }

    @TimescaleTest
    void forcedStopRollsBackTheChunkInFlight(DatabasePair db) {
        Fixtures.install(db);
        AtomicReference<Backfill> self = new AtomicReference<>();
        try (Backfill backfill = TestBackfills.open(db, event -> {
            if (event instanceof BackfillEvent.TaskStarted) {
                self.get().forceStop();
            }
        })) {
            self.set(backfill);
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.cpu$"));
            CopyResult result = backfill.copy(new CopyRequest(1));

            assertThat(result.stopped()).isTrue();
            assertThat(result.chunks()).isZero();
            assertThat(result.pending()).isEqualTo(10);
            assertThat(db.target().queryLong("SELECT count(*) FROM metrics.cpu")).isZero();
            assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE copy_message IS NOT NULL"))
                    .as("a forced stop is not a failure of the chunk").isZero();
        }
        // The next run copies everything.
        try (Backfill backfill = TestBackfills.open(db)) {
            assertThat(backfill.copy(new CopyRequest(2)).ok()).isTrue();
            assertThat(db.target().queryLong("SELECT count(*) FROM metrics.cpu")).isEqualTo(5770);
        }
    }

    @TimescaleTest
    void severalCopyRunsOnOneQueueCopyEveryChunkOnce(DatabasePair db) {
        Fixtures.Installed fixture = Fixtures.install(db);
        try (Backfill stager = TestBackfills.open(db)) {
            TestBackfills.stageAll(stager);
        }
        List<CompletableFuture<CopyResult>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try (Backfill backfill = TestBackfills.open(db)) {
                    return backfill.copy(new CopyRequest(2));
                }
            }));
        }
        int chunks = 0;
        for (CompletableFuture<CopyResult> run : runs) {
            CopyResult result = run.join();
            assertThat(result.failures()).isEmpty();
            chunks += result.chunks();
        }
        assertThat(chunks).isEqualTo(db.target().queryLong("SELECT count(*) FROM __backfill.task"));
        for (FixtureHypertable h : fixture.hypertables()) {
            assertThat(TestBackfills.count(db.target(), h)).as("rows of %s", h.qualifiedName()).isEqualTo(h.rows());
        }
    }

    @TimescaleTest
    void aFailingChunkIsRecordedAndTheOthersAreCopied(DatabasePair db) {
        Fixtures.install(db, false);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.cpu$"));
            // One target chunk refuses rows: it exists already, with a check constraint the source's data violates.
            String chunk = db.target().queryString("SELECT format('%I.%I', c.schema_name, c.table_name) FROM "
                    + "_timescaledb_functions.create_chunk('metrics.cpu', (SELECT dimensions FROM __backfill.task "
                    + "ORDER BY priority LIMIT 1)) c");
            db.target().execute("ALTER TABLE " + chunk + " ADD CONSTRAINT no_rows CHECK (device < 0) NOT VALID");
            CopyResult result = backfill.copy(new CopyRequest(2));

            assertThat(result.ok()).isFalse();
            assertThat(result.failures()).singleElement().satisfies(f -> {
                assertThat(f.message()).contains("no_rows");
                assertThat(f.hypertable()).isEqualTo("metrics.cpu");
            });
            assertThat(result.chunks()).isEqualTo(9);
            assertThat(result.pending()).isEqualTo(1);
            assertThat(db.target().queryString("SELECT copy_message FROM __backfill.task WHERE worked IS NULL"))
                    .contains("no_rows");
        }
    }

    @TimescaleTest
    void cleanRefusesWhileACopyHoldsTasks(DatabasePair db) {
        Fixtures.install(db, false);
        AtomicReference<Throwable> refusal = new AtomicReference<>();
        try (Backfill cleaner = TestBackfills.open(db);
             Backfill backfill = TestBackfills.open(db, event -> {
                 if (event instanceof BackfillEvent.TaskStarted && refusal.get() == null) {
                     try {
                         cleaner.clean();
                         refusal.set(new AssertionError("clean succeeded during copy"));
                     } catch (BackfillException e) {
                         refusal.set(e);
                     }
                 }
             })) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.cpu$"));
            assertThat(backfill.copy(new CopyRequest(1)).ok()).isTrue();
        }
        assertThat(refusal.get()).isInstanceOf(BackfillException.class)
                .hasMessageContaining("a copy or verify is running");
        assertThat(((BackfillException) refusal.get()).kind()).isEqualTo(BackfillException.Kind.PRECONDITION);
        assertThat(db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL")).isEqualTo(10);
    }
}
