package io.github.tsbackfill.cli;

import picocli.CommandLine.Option;

/** {@code --metrics-port}: Prometheus metrics over HTTP while copy or verify runs. */
final class MetricsOption {

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics on http://HOST:PORT/metrics while this runs (backfill_rows_copied_total, "
                    + "backfill_bytes_copied_total, backfill_chunks_finished_total, backfill_chunks_left, "
                    + "backfill_retries_total, backfill_errors_total, backfill_workers, backfill_workers_busy, "
                    + "backfill_bytes_per_second, backfill_eta_seconds).")
    Integer port;
}
