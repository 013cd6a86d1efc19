package com.example.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.BackfillConfig;
import io.github.tsbackfill.BackfillEvent;
import io.github.tsbackfill.CopyRequest;
import io.github.tsbackfill.CopyResult;
import io.github.tsbackfill.DatabaseEndpoint;
import io.github.tsbackfill.StageRequest;
import io.github.tsbackfill.StageResult;
import io.github.tsbackfill.VerifyRequest;
import io.github.tsbackfill.VerifyResult;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TestDatabase;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The README's "Use it from Java" example, compiled and run: a team's own tooling, outside the product's packages,
 * with its own HikariCP pools and a progress listener, on real TimescaleDB through the testkit's JUnit extension.
 */
class EmbeddingExampleIT {

    private static HikariDataSource pool(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }

    @TimescaleTest
    void runsTheWholeWorkflowOnTheCallersOwnPools(DatabasePair db) {
        Fixtures.install(db);
        List<BackfillEvent> events = new CopyOnWriteArrayList<>();
        try (HikariDataSource source = pool(db.source()); HikariDataSource target = pool(db.target())) {
            // --- the example ---
            BackfillConfig config = BackfillConfig.builder()
                    .source(DatabaseEndpoint.of(source))          // the caller's pool, used as is
                    .target(DatabaseEndpoint.of(target))
                    .maxParallelism(4)
                    .listener(events::add)                         // immutable event records, from worker threads
                    .build();
            try (Backfill backfill = Backfill.create(config)) {
                StageResult staged = backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.(cpu|readings)$"));
                CopyResult copied = backfill.copy(new CopyRequest(4));
                VerifyResult verified = backfill.verify(new VerifyRequest(4, false, false));
                if (copied.ok() && verified.ok()) {
                    backfill.clean();
                }
                // --- end of the example ---
                assertThat(staged.chunks()).isEqualTo(20);
                assertThat(copied.chunks()).isEqualTo(20);
                assertThat(verified.ok()).isTrue();
            }
            assertThat(source.isClosed()).as("the caller's pools stay the caller's").isFalse();
        }
        assertThat(db.target().queryLong("SELECT count(*) FROM metrics.cpu")).isEqualTo(5770);
        assertThat(db.target().queryValue("SELECT to_regnamespace('__backfill')")).isNull();
        assertThat(events).filteredOn(e -> e instanceof BackfillEvent.TaskFinished f && f.operation().equals("copy"))
                .hasSize(20);
    }

    @TimescaleTest
    void interruptingTheCallingThreadForcesAStopAndLosesNothing(DatabasePair db) throws Exception {
        Fixtures.install(db);
        AtomicReference<Thread> caller = new AtomicReference<>();
        AtomicBoolean interruptedOnce = new AtomicBoolean();
        AtomicReference<CopyResult> first = new AtomicReference<>();
        AtomicBoolean flagAfterwards = new AtomicBoolean();
        try (HikariDataSource source = pool(db.source()); HikariDataSource target = pool(db.target());
             Backfill backfill = Backfill.create(BackfillConfig.builder()
                     .source(DatabaseEndpoint.of(source)).target(DatabaseEndpoint.of(target))
                     .listener(e -> {
                         if (e instanceof BackfillEvent.TaskFinished && interruptedOnce.compareAndSet(false, true)) {
                             caller.get().interrupt();
                         }
                     }).build())) {
            backfill.stage(StageRequest.until("2030-01-01").withFilter("^metrics\\.(cpu|readings|daily)$"));
            Thread thread = new Thread(() -> {
                first.set(backfill.copy(new CopyRequest(1)));
                flagAfterwards.set(Thread.currentThread().isInterrupted());
            });
            caller.set(thread);
            thread.start();
            thread.join(60_000);

            assertThat(first.get().stopped()).isTrue();
            assertThat(first.get().pending()).isPositive();
            assertThat(flagAfterwards).as("the interrupt flag is set again").isTrue();

            CopyResult rest = backfill.copy(new CopyRequest(2));
            assertThat(rest.ok()).isTrue();
            assertThat(backfill.verify(new VerifyRequest(2, false, false)).ok()).isTrue();
        }
        assertThat(db.target().queryLong("SELECT count(*) FROM metrics.cpu")).isEqualTo(5770);
    }
}
