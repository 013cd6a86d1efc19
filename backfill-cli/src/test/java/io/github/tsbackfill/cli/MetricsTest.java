package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.BackfillEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What /metrics says after a given sequence of events: retries, errors, workers, rate and time left. */
class MetricsTest {

    private static String scrape(Metrics metrics) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metrics.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void countsRetriesAndErrorsFollowsTheWorkersAndKnowsTheRateAndTimeLeft() throws Exception {
        try (Metrics metrics = Metrics.serve(0)) {
            metrics.onEvent(new BackfillEvent.ParallelismChanged("copy", 1, "-p auto starts with one, up to 4"));
            metrics.onEvent(new BackfillEvent.TaskStarted("copy", "_hyper_1_1_chunk", "public.m", 4));
            String before = scrape(metrics);
            assertThat(before).contains("backfill_retries_total{operation=\"copy\"} 0.0",
                    "backfill_errors_total{operation=\"copy\"} 0.0", "backfill_workers{operation=\"copy\"} 1.0");
            assertThat(before).doesNotContain("backfill_eta_seconds ");

            metrics.onEvent(new BackfillEvent.CopyProgress("_hyper_1_1_chunk", 1000, 8_000_000));
            metrics.onEvent(new BackfillEvent.TaskRetrying("copy", "_hyper_1_1_chunk", "public.m", 2,
                    Duration.ofSeconds(1), "connection reset"));
            metrics.onEvent(new BackfillEvent.ParallelismChanged("copy", 2, "-p auto climbing"));
            metrics.onEvent(new BackfillEvent.TaskStarted("copy", "_hyper_1_1_chunk", "public.m", 4));
            metrics.onEvent(new BackfillEvent.TaskFinished("copy", "_hyper_1_1_chunk", "public.m", 2000, 16_000_000,
                    Duration.ofSeconds(1), true, "rows"));
            metrics.onEvent(new BackfillEvent.TaskStarted("copy", "_hyper_1_2_chunk", "public.m", 4));
            metrics.onEvent(new BackfillEvent.TaskFinished("copy", "_hyper_1_2_chunk", "public.m", 0, 0,
                    Duration.ZERO, false, "permission denied"));
            String after = scrape(metrics);
            assertThat(after).contains("backfill_retries_total{operation=\"copy\"} 1.0",
                    "backfill_errors_total{operation=\"copy\"} 2.0", "backfill_workers{operation=\"copy\"} 2.0",
                    "backfill_bytes_copied_total 1.6E7", "backfill_chunks_left{operation=\"copy\"} 2.0",
                    "backfill_chunks_finished_total{operation=\"copy\",outcome=\"failed\"} 1.0");
            double rate = Double.parseDouble(after.lines().filter(l -> l.startsWith("backfill_bytes_per_second "))
                    .findFirst().orElseThrow().split(" ")[1]);
            assertThat(rate).as("16 MB sent in well under the 30 s window").isGreaterThan(16e6 / 30);
            assertThat(after).contains("backfill_eta_seconds ");
        }
    }
}
