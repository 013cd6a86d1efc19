package io.github.tsbackfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.FaultProxy;
import io.github.tsbackfill.testkit.TestDatabase;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The network fails mid-COPY (through a loopback proxy in front of the source): the chunk is tried again in the
 * same run; with retries off it fails cleanly with its error recorded, nothing of it is committed, no worker hangs,
 * and the next run copies it.
 */
class FaultsIT {

    private static final String SCHEMA = """
            CREATE SCHEMA f;
            CREATE TABLE f.big (ts timestamptz NOT NULL, n int, note text);
            SELECT create_hypertable('f.big', 'ts', chunk_time_interval => interval '1 day');
            """;
    /** One chunk of about 60 MB: progress events (every 8 MB) arrive while its COPY streams. */
    private static final String DATA = "INSERT INTO f.big SELECT timestamptz '2024-01-01' + i * interval '100 ms', i, "
            + "repeat('x', 60) || i FROM generate_series(0, 599999) i";

    private static void prepare(DatabasePair db) {
        db.source().execute(SCHEMA, DATA);
        db.target().execute(SCHEMA);
        try (Backfill backfill = TestBackfills.open(db)) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^f\\."));
        }
    }

    /** Copies with -p 1, the source read through a proxy on which {@code fault} strikes once 8 MB have streamed. */
    private static CopyResult copyThroughFaultyProxy(DatabasePair db, String parameters,
                                                     java.util.function.Consumer<FaultProxy> fault) throws Exception {
        return copyThroughFaultyProxy(db, parameters, fault, new CopyRequest(1).withRetries(0));
    }

    private static CopyResult copyThroughFaultyProxy(DatabasePair db, String parameters,
                                                     java.util.function.Consumer<FaultProxy> fault,
                                                     CopyRequest request) throws Exception {
        AtomicBoolean struck = new AtomicBoolean();
        try (FaultProxy proxy = FaultProxy.start(db.source());
             Backfill flaky = Backfill.create(BackfillConfig.builder()
                     .source(DatabaseEndpoint.of(proxy.jdbcUrl(db.source(), parameters), db.source().user(),
                             db.source().password()))
                     .target(TestBackfills.endpoint(db.target()))
                     .listener(e -> {
                         if (e instanceof BackfillEvent.CopyProgress && struck.compareAndSet(false, true)) {
                             fault.accept(proxy);
                         }
                     })
                     .build())) {
            CopyResult result = flaky.copy(request);
            assertThat(struck).as("the fault struck mid-COPY").isTrue();
            return result;
        }
    }

    private static void assertNothingCommittedThenRerunCompletes(DatabasePair db, CopyResult failed) {
        assertThat(failed.failures()).hasSize(1);
        assertThat(failed.pending()).isEqualTo(1);
        assertThat(db.target().queryLong("SELECT count(*) FROM f.big")).as("nothing of the chunk committed").isZero();
        assertThat(db.target().queryString("SELECT copy_message FROM __backfill.task")).isNotBlank();
        try (Backfill backfill = TestBackfills.open(db)) {
            assertThat(backfill.copy(new CopyRequest(1)).ok()).isTrue();
            assertThat(backfill.verify(new VerifyRequest(1, false, false)).ok()).isTrue();
        }
        assertThat(db.target().queryLong("SELECT count(*) FROM f.big")).isEqualTo(600_000);
    }

    @TimescaleTest
    void aConnectionResetMidCopyIsRetriedInTheSameRun(DatabasePair db) throws Exception {
        prepare(db);
        CopyResult copied = copyThroughFaultyProxy(db, "", FaultProxy::drop, new CopyRequest(1));
        assertThat(copied.ok()).as("%s", copied.failures()).isTrue();
        assertThat(copied.pending()).isZero();
        assertThat(db.target().queryLong("SELECT count(*) FROM f.big")).isEqualTo(600_000);
        assertThat(db.target().queryLong("SELECT attempts FROM __backfill.task")).isEqualTo(2);
        try (Backfill backfill = TestBackfills.open(db)) {
            assertThat(backfill.verify(new VerifyRequest(1, false, false)).ok()).isTrue();
        }
    }

    @TimescaleTest
    void aConnectionResetMidCopyFailsTheChunkAndTheNextRunCopiesIt(DatabasePair db) throws Exception {
        prepare(db);
        assertNothingCommittedThenRerunCompletes(db, copyThroughFaultyProxy(db, "", FaultProxy::drop));
    }

    @TimescaleTest
    void aSilentServerTimesOutInsteadOfHanging(DatabasePair db) throws Exception {
        prepare(db);
        long started = System.nanoTime();
        CopyResult failed = copyThroughFaultyProxy(db, "socketTimeout=3", FaultProxy::stall);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by socketTimeout")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(failed.failures()).singleElement().satisfies(f -> assertThat(f.message()).contains("Read timed out"));
        assertNothingCommittedThenRerunCompletes(db, failed);
    }

    /**
     * The target's backends of every worker are terminated twice during a copy (an administrator, a failover, a
     * restart): the chunks they held are retried in the same run and everything arrives.
     */
    @TimescaleTest
    void workersWhoseTargetSessionsAreTerminatedRetryAndFinish(DatabasePair db) {
        io.github.tsbackfill.testkit.Fixtures.install(db);
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        String terminate = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '"
                + db.target().database() + "' AND application_name LIKE 'timescaledb-backfill %/copy-%' AND pid <> pg_backend_pid()";
        try (Backfill backfill = TestBackfills.open(db, e -> {
            if (e instanceof BackfillEvent.TaskStarted t && t.operation().equals("copy")
                    && (started.incrementAndGet() == 3 || started.get() == 7)) {
                db.target().execute(terminate);
            }
        })) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.cpu$"));
            CopyResult copied = backfill.copy(new CopyRequest(2));
            assertThat(copied.failures()).isEmpty();
            assertThat(db.target().queryLong("SELECT count(*) FROM metrics.cpu")).isEqualTo(5770);
            assertThat(db.target().queryLong("SELECT max(attempts) FROM __backfill.task")).isGreaterThan(1);
            assertThat(backfill.verify(new VerifyRequest(2, false, false)).ok()).isTrue();
        }
    }

    /**
     * Regression: the target dies under a COPY (a restart, a failover, a terminated session). The source's COPY TO
     * STDOUT then had to be abandoned mid-stream, and the driver's cancel of it left the rest of the stream unread:
     * the pooled source connection answered every later statement with the previous one's reply, and the next
     * chunks on it failed with "Expected command status BEGIN, got SET" or "Cannot change transaction read-only
     * property in the middle of a transaction". Now the abandoned source connection is closed, never reused.
     */
    @TimescaleTest
    void aTargetLostMidCopyFailsOnlyThatChunkAndLeavesTheSourceConnectionsSound(DatabasePair db) {
        db.source().execute(SCHEMA, "INSERT INTO f.big SELECT timestamptz '2024-01-01' + i * interval '576 ms', i, "
                + "repeat('x', 60) || i FROM generate_series(0, 599999) i");
        db.target().execute(SCHEMA);
        String terminate = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '"
                + db.target().database() + "' AND application_name LIKE 'timescaledb-backfill %/copy-%'";
        AtomicBoolean struck = new AtomicBoolean();
        try (Backfill backfill = TestBackfills.open(db, e -> {
            if (e instanceof BackfillEvent.CopyProgress && struck.compareAndSet(false, true)) {
                db.target().execute(terminate);
            }
        })) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^f\\."));
            CopyResult copied = backfill.copy(new CopyRequest(1).withRetries(0));
            assertThat(struck).isTrue();
            assertThat(copied.failures()).as("only the chunk whose target session died").singleElement()
                    .satisfies(f -> assertThat(f.message()).doesNotContain("Expected command status")
                            .doesNotContain("read-only property"));
            assertThat(copied.chunks()).isEqualTo(3);
            assertThat(backfill.copy(new CopyRequest(1)).ok()).isTrue();
            assertThat(db.target().queryLong("SELECT count(*) FROM f.big")).isEqualTo(600_000);
            assertThat(backfill.verify(new VerifyRequest(1, false, false)).ok()).isTrue();
        }
    }
    /**
     * Regression: a worker held back by the queue's control whose chunk then failed on a transient error left the
     * run with that chunk pending and reported success: the other worker had found nothing to claim (the chunk was
     * held) and declared the run drained, so the held-back worker stopped instead of trying again. Now a worker
     * leaves only when no other worker holds a task, so it takes the chunk's second attempt itself.
     */
    @TimescaleTest
    void aChunkFailingOnAWorkerHeldBackByControlIsRetriedByTheRun(DatabasePair db) throws Exception {
        for (TestDatabase d : java.util.List.of(db.source(), db.target())) {
            d.execute(SCHEMA, "CREATE TABLE f.small (ts timestamptz NOT NULL, n int, note text)",
                    "SELECT create_hypertable('f.small', 'ts', chunk_time_interval => interval '1 day')");
        }
        // f.small: one chunk of about 24 MB, staged first so the only worker allowed at the start takes it;
        // f.big: one chunk of about 60 MB, taken by the second worker once it is let in.
        db.source().execute("INSERT INTO f.small SELECT timestamptz '2024-01-01' + i * interval '360 ms', i, "
                + "repeat('x', 60) || i FROM generate_series(0, 239999) i");
        db.source().execute("INSERT INTO f.big SELECT timestamptz '2024-01-01' + i * interval '144 ms', i, "
                + "repeat('x', 60) || i FROM generate_series(0, 599999) i");
        String terminate = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '"
                + db.target().database() + "' AND application_name LIKE 'timescaledb-backfill %/copy-2'";
        java.util.concurrent.atomic.AtomicLong smallDone = new java.util.concurrent.atomic.AtomicLong();
        AtomicBoolean struck = new AtomicBoolean();
        try (Backfill operator = TestBackfills.open(db); Backfill copier = TestBackfills.open(db, e -> {
            if (e instanceof BackfillEvent.TaskStarted t && t.hypertable().equals("f.small")) {
                operator.control(new ControlRequest(null, 2, null));
            } else if (e instanceof BackfillEvent.TaskStarted t && t.hypertable().equals("f.big")) {
                operator.control(new ControlRequest(null, 1, null));
            } else if (e instanceof BackfillEvent.TaskFinished f && f.hypertable().equals("f.small")) {
                smallDone.set(System.nanoTime());
            } else if (e instanceof BackfillEvent.CopyProgress && smallDone.get() != 0
                    && System.nanoTime() - smallDone.get() > java.util.concurrent.TimeUnit.SECONDS.toNanos(3)
                    && struck.compareAndSet(false, true)) {
                db.target().execute(terminate);
            }
        })) {
            operator.stage(StageRequest.until("2030-01-01").withFilter("^f\\.small$"));
            operator.stage(StageRequest.until("2030-01-01").withFilter("^f\\.big$"));
            operator.control(new ControlRequest(null, 1, null));
            CopyResult copied = copier.copy(new CopyRequest(2).withMaxRate(6_000_000));
            assertThat(struck).as("the big chunk's session was cut while its worker was held back").isTrue();
            assertThat(copied.pending()).as("nothing left behind").isZero();
            assertThat(copied.ok()).isTrue();
            assertThat(db.target().queryLong("SELECT attempts FROM __backfill.task WHERE hypertable_name = 'big'"))
                    .isEqualTo(2);
            assertThat(db.target().queryLong("SELECT count(*) FROM f.big")).isEqualTo(600_000);
            assertThat(copier.verify(new VerifyRequest(2, false, false)).ok()).isTrue();
        }
    }
}
