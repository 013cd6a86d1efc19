package io.github.tsbackfill.cli;

import picocli.CommandLine.Option;

/** {@code --metrics-port}: Prometheus metrics over HTTP while copy or verify runs. */
final class MetricsOption {

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics on http://HOST:PORT/metrics while this runs (backfill_rows_copied_total, "
                    + "backfill_bytes_copied_total, backfill_chunks_finished_total, backfill_chunks_left, "
                    + "backfill_workers_busy).")
    Integer port;
}
