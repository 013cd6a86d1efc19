package io.github.tsbackfill.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.CopyResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/** The climbing, settling, backing off and probing of -p auto, on simulated throughput curves. */
class AutoParallelismTest {

    private static final long BEAT = TimeUnit.SECONDS.toNanos(2);

    private final List<String> changes = new ArrayList<>();
    private final AutoParallelism auto = new AutoParallelism(8, Duration.ofSeconds(6), (n, why) -> changes.add(n + " " + why));
    private long now = 1_000;
    private long sent;

    /** Runs {@code seconds} of beats where the process sends {@code rate.applyAsLong(workers)} bytes per second. */
    private void run(int seconds, IntToLongFunction rate) {
        for (long end = now + TimeUnit.SECONDS.toNanos(seconds); now < end; now += BEAT) {
            auto.observe(now, sent, auto.workers());
            sent += rate.applyAsLong(auto.workers()) * 2;
        }
    }

    @Test
    void climbsWhileEachWorkerAddsATenthAndSettlesOnTheBest() {
        // 10 MB/s per worker up to three, then the servers are saturated.
        run(60, n -> Math.min(n, 3) * 10_000_000L);
        assertThat(auto.settled()).isTrue();
        assertThat(auto.workers()).isEqualTo(3);
        assertThat(auto.measured()).extracting(CopyResult.ParallelismStep::workers).startsWith(1, 2, 3, 4);
        assertThat(changes).first().asString().startsWith("2 climbing");
        assertThat(changes).filteredOn(c -> c.startsWith("3 settled")).hasSize(1);
    }

    @Test
    void aWorkerAddingLessThanATenthIsTakenBack() {
        run(40, n -> n == 1 ? 10_000_000L : 10_500_000L);
        assertThat(auto.workers()).isEqualTo(1);
        assertThat(auto.settled()).isTrue();
    }

    @Test
    void stopsAtTheMaximum() {
        run(120, n -> n * 10_000_000L);
        assertThat(auto.workers()).isEqualTo(8);
        assertThat(changes).anyMatch(c -> c.startsWith("8 settled at the maximum"));
    }

    @Test
    void backsOffWhenTheServersSlowDownAndProbesAgainLater() {
        run(60, n -> Math.min(n, 3) * 10_000_000L);
        assertThat(auto.workers()).isEqualTo(3);
        // The source slows to a third: one worker fewer.
        run(10, n -> 10_000_000L);
        assertThat(auto.workers()).isEqualTo(2);
        // Back to full speed, it probes upwards again within a few windows and returns to three.
        run(120, n -> Math.min(n, 3) * 10_000_000L);
        assertThat(auto.workers()).isEqualTo(3);
        assertThat(changes).anyMatch(c -> c.startsWith("2 backing off: ") && c.endsWith("down from the 30.0 MB/s settled at"))
                .anyMatch(c -> c.contains("probing"));
    }

    @Test
    void aWindowWithIdleWorkersChangesNothing() {
        for (int beat = 0; beat < 30; beat++, now += BEAT) {
            auto.observe(now, sent, 0);
            sent += 20_000_000L;
        }
        assertThat(auto.workers()).isEqualTo(1);
        assertThat(auto.measured()).isEmpty();
        assertThat(changes).isEmpty();
    }
}
