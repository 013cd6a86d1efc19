package io.github.tsbackfill.cli;

import io.github.tsbackfill.BackfillEvent;
import io.github.tsbackfill.BackfillListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.github.tsbackfill.InvalidConfigurationException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus metrics of one copy or verify run, fed by its events and served over HTTP by the Prometheus Java
 * client while it runs. Rows and bytes move with every progress event (each 8 MB of a chunk), not only when a
 * chunk ends.
 */
final class Metrics implements BackfillListener, AutoCloseable {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter rows = Counter.builder().name("backfill_rows_copied_total")
            .help("Rows sent to the target").register(registry);
    private final Counter bytes = Counter.builder().name("backfill_bytes_copied_total")
            .help("Bytes sent to the target (COPY data)").register(registry);
    private final Counter finished = Counter.builder().name("backfill_chunks_finished_total")
            .help("Chunks done, by operation (copy, verify) and outcome (ok: copied or matching; failed: an error or "
                    + "a mismatch)")
            .labelNames("operation", "outcome").register(registry);
    private final Gauge left = Gauge.builder().name("backfill_chunks_left")
            .help("Chunks this run has still to do, by operation").labelNames("operation").register(registry);
    private final Gauge busy = Gauge.builder().name("backfill_workers_busy")
            .help("Workers holding a chunk now, by operation").labelNames("operation").register(registry);
    /** Per chunk in progress: rows and bytes already counted from its progress events. */
    private final Map<String, long[]> counted = new ConcurrentHashMap<>();
    private final HTTPServer server;
    private volatile boolean leftKnown;

    private Metrics(int port) {
        try {
            server = HTTPServer.builder().port(port).registry(registry).buildAndStart();
        } catch (IOException e) {
            throw new InvalidConfigurationException("--metrics-port", "cannot serve metrics on port " + port + ": "
                    + e.getMessage());
        }
    }

    /** A server on {@code port}; null without a port. */
    static Metrics serve(Integer port) {
        return port == null ? null : new Metrics(port);
    }

    /** The progress display, and these metrics when they are served. */
    static BackfillListener feeding(BackfillListener progress, Metrics metrics) {
        return metrics == null ? progress : event -> {
            progress.onEvent(event);
            metrics.onEvent(event);
        };
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void onEvent(BackfillEvent event) {
        if (event instanceof BackfillEvent.TaskStarted started) {
            busy.labelValues(started.operation()).inc();
            if (!leftKnown) {
                leftKnown = true;
                left.labelValues(started.operation()).set(started.total());
            }
        } else if (event instanceof BackfillEvent.CopyProgress progress) {
            long[] sofar = counted.computeIfAbsent(progress.chunk(), c -> new long[2]);
            add(sofar, progress.rows(), progress.bytes());
        } else if (event instanceof BackfillEvent.TaskFinished done) {
            busy.labelValues(done.operation()).dec();
            left.labelValues(done.operation()).dec();
            finished.labelValues(done.operation(), done.ok() ? "ok" : "failed").inc();
            if (done.operation().equals("copy")) {
                long[] sofar = counted.remove(done.chunk());
                add(sofar == null ? new long[2] : sofar, done.rows(), done.bytes());
            }
        }
    }

    private synchronized void add(long[] sofar, long chunkRows, long chunkBytes) {
        rows.inc(Math.max(0, chunkRows - sofar[0]));
        bytes.inc(Math.max(0, chunkBytes - sofar[1]));
        sofar[0] = Math.max(sofar[0], chunkRows);
        sofar[1] = Math.max(sofar[1], chunkBytes);
    }

    @Override
    public void close() {
        server.close();
    }
}
