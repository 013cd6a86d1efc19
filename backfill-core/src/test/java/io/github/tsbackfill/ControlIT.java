package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.TestDatabase;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Operating a run from outside: the queue's control (pause, resume, workers per process, the rate of all copies
 * together) obeyed by every running process within seconds, a process's own --max-rate, and who works on what.
 */
class ControlIT {

    private static final String SCHEMA = """
            CREATE TABLE m (ts timestamptz NOT NULL, dev int, note text);
            SELECT create_hypertable('m', 'ts', chunk_time_interval => interval '1 hour');
            """;

    /** {@code hours} one-hour chunks of about {@code kbPerChunk} KB each as sent. */
    private static String rows(int hours, int kbPerChunk) {
        int perHour = kbPerChunk * 10;
        return "INSERT INTO m SELECT '2024-01-01'::timestamptz + g * (interval '1 hour' / " + perHour + "), g % 7, "
                + "repeat('x', 80) FROM generate_series(0, " + (hours * perHour - 1) + ") g";
    }

    private static long worked(TestDatabase target) {
        return target.queryLong("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL");
    }

    /** Waits for {@code count} processes' workers to show (each publishes them every two seconds). */
    private static void awaitProcesses(Backfill operator, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long seen = 0;
        while (System.nanoTime() < deadline
                && (seen = operator.status().workers().stream().map(WorkerStatus::process).distinct().count()) < count) {
            Thread.sleep(200);
        }
        assertThat(seen).as("processes whose workers are listed").isEqualTo(count);
    }

    @TimescaleTest
    void pauseStopsNewClaimsInEveryProcessWithinSecondsAndResumeFinishesTheWork(DatabasePair db) throws Exception {
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute(SCHEMA);
        }
        db.source().execute(rows(40, 500));
        try (Backfill operator = TestBackfills.open(db); Backfill first = TestBackfills.open(db);
             Backfill second = TestBackfills.open(db)) {
            operator.stage(StageRequest.until("2030-01-01"));
            // Slow enough to pause half way: 2 MB/s for both processes together, 40 chunks of 550 KB.
            operator.control(new ControlRequest(null, null, 2_000_000L));
            CompletableFuture<CopyResult> one = CompletableFuture.supplyAsync(() -> first.copy(new CopyRequest(2)));
            CompletableFuture<CopyResult> two = CompletableFuture.supplyAsync(() -> second.copy(new CopyRequest(2)));
            db.target().awaitCount("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL", 4, Duration.ofMinutes(1));
            awaitProcesses(operator, 2);

            ControlSettings paused = operator.control(new ControlRequest(true, null, null));
            assertThat(paused.paused()).isTrue();
            // Within 5 s both processes stop claiming; what they held is done by then.
            Thread.sleep(5_000);
            long atPause = worked(db.target());
            Thread.sleep(4_000);
            assertThat(worked(db.target())).isEqualTo(atPause).isLessThan(40);
            StatusResult status = operator.status();
            assertThat(status.control().paused()).isTrue();
            assertThat(status.workers()).hasSize(4).allSatisfy(w -> assertThat(w.chunk()).isNull());
            assertThat(one).isNotDone();
            assertThat(two).isNotDone();

            operator.control(new ControlRequest(false, null, 0L));
            assertThat(one.get(2, TimeUnit.MINUTES).ok()).isTrue();
            assertThat(two.get(2, TimeUnit.MINUTES).ok()).isTrue();
            assertThat(worked(db.target())).isEqualTo(40);
            assertThat(db.target().queryLong("SELECT count(*) FROM m")).isEqualTo(db.source().queryLong("SELECT count(*) FROM m"));
            assertThat(db.target().queryLong("SELECT count(DISTINCT split_part(claimed_by, '/', 1)) FROM __backfill.task"))
                    .as("both processes copied, each chunk records which worker").isEqualTo(2);
            assertThat(operator.status().workers()).as("finished processes leave no workers behind").isEmpty();
            assertThat(operator.verify(new VerifyRequest(2, false, false)).ok()).isTrue();
        }
    }

    @TimescaleTest
    void fewerWorkersPerProcessTakeEffectWhileTheCopyRunsAndTheRunStillEnds(DatabasePair db) throws Exception {
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute(SCHEMA);
        }
        db.source().execute(rows(12, 500));
        try (Backfill operator = TestBackfills.open(db); Backfill copier = TestBackfills.open(db)) {
            operator.stage(StageRequest.until("2030-01-01"));
            operator.control(new ControlRequest(null, 1, null));
            CompletableFuture<CopyResult> copy = CompletableFuture.supplyAsync(
                    () -> copier.copy(new CopyRequest(3).withMaxRate(2_000_000)));
            db.target().awaitCount("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL", 2, Duration.ofMinutes(1));
            for (int sample = 0; sample < 5; sample++) {
                assertThat(operator.status().workers().stream().filter(w -> w.chunk() != null).count())
                        .isLessThanOrEqualTo(1);
                Thread.sleep(300);
            }
            // Regression: the workers held back waited for their turn forever once the others had drained the queue.
            assertThat(copy.get(2, TimeUnit.MINUTES).ok()).isTrue();
            assertThat(worked(db.target())).isEqualTo(12);
            assertThat(db.target().queryLong("SELECT count(DISTINCT claimed_by) FROM __backfill.task")).isEqualTo(1);
        }
    }

    /** 30 s of copying at 1 MB/s by two workers of one process: the rate holds within 20 %. */
    @TimescaleTest
    void maxRateHoldsTheRateOfAllWorkersOfTheProcess(DatabasePair db) {
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute(SCHEMA);
        }
        db.source().execute(rows(32, 1000));
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01"));
            long start = System.nanoTime();
            CopyResult copied = backfill.copy(new CopyRequest(2).withMaxRate(1_000_000));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(copied.ok()).isTrue();
            assertThat(seconds).isGreaterThanOrEqualTo(25);
            double rate = copied.bytes() / seconds;
            System.out.printf("--max-rate 1 MB/s: %d bytes in %.1f s = %.0f bytes/s%n", copied.bytes(), seconds, rate);
            assertThat(rate).isCloseTo(1_000_000, within(200_000.0));
        }
    }

    /**
     * -p auto under a 2 MB/s cap: a second worker cannot add throughput, so after measuring one and two workers the
     * run settles on one, says so in an event and in its result, and copies everything.
     */
    @TimescaleTest
    void autoParallelismMeasuresASecondWorkerAndSettlesOnOneWhenItDoesNotHelp(DatabasePair db) {
        for (TestDatabase d : List.of(db.source(), db.target())) {
            d.execute(SCHEMA);
        }
        db.source().execute(rows(56, 1000));
        List<BackfillEvent.ParallelismChanged> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Backfill backfill = TestBackfills.open(db, e -> {
            if (e instanceof BackfillEvent.ParallelismChanged c) {
                changes.add(c);
            }
        })) {
            backfill.stage(StageRequest.until("2030-01-01"));
            CopyResult copied = backfill.copy(new CopyRequest(1).withMaxRate(2_000_000).withAutoParallelism(4));
            System.out.println("-p auto under 2 MB/s: " + copied.parallelism() + "; changes " + changes);
            assertThat(copied.ok()).isTrue();
            assertThat(worked(db.target())).isEqualTo(56);
            CopyResult.Parallelism chosen = copied.parallelism();
            assertThat(chosen.auto()).isTrue();
            assertThat(chosen.settled()).isTrue();
            assertThat(chosen.workers()).isEqualTo(1);
            assertThat(chosen.measured()).extracting(CopyResult.ParallelismStep::workers).startsWith(1, 2);
            assertThat(chosen.measured()).allSatisfy(step ->
                    assertThat(step.bytesPerSecond()).isCloseTo(2_000_000, within(400_000L)));
            assertThat(changes).extracting(BackfillEvent.ParallelismChanged::workers).startsWith(1, 2, 1);
            assertThat(changes.get(2).reason()).startsWith("-p auto settled");
            assertThat(db.target().queryLong("SELECT count(DISTINCT claimed_by) FROM __backfill.task"))
                    .as("the second worker copied while it was measured").isEqualTo(2);
            assertThat(backfill.verify(new VerifyRequest(2, false, false)).ok()).isTrue();
        }
    }
}
