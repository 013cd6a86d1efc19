package io.github.tsbackfill.cli;

import io.github.tsbackfill.BackfillEvent;
import io.github.tsbackfill.BackfillListener;
import io.github.tsbackfill.InvalidConfigurationException;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics of one copy or verify run, fed by its events and served over HTTP by the Prometheus Java
 * client while it runs. Rows and bytes move with every progress event (each 8 MB of a chunk), not only when a
 * chunk ends; the current rate and the time left are computed when scraped.
 */
final class Metrics implements BackfillListener, AutoCloseable {

    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter rows = Counter.builder().name("backfill_rows_copied_total")
            .help("Rows sent to the target").register(registry);
    private final Counter bytes = Counter.builder().name("backfill_bytes_copied_total")
            .help("Bytes sent to the target (COPY data)").register(registry);
    private final Counter finished = Counter.builder().name("backfill_chunks_finished_total")
            .help("Chunks done, by operation (copy, verify) and outcome (ok: copied or matching; failed: an error or "
                    + "a mismatch)")
            .labelNames("operation", "outcome").register(registry);
    private final Counter retries = Counter.builder().name("backfill_retries_total")
            .help("Chunks rolled back after a transient error and tried again by this run, by operation")
            .labelNames("operation").register(registry);
    private final Counter errors = Counter.builder().name("backfill_errors_total")
            .help("Failed attempts, by operation: those tried again and the chunks that failed (for verify, "
                    + "mismatches too)")
            .labelNames("operation").register(registry);
    private final Gauge busy = Gauge.builder().name("backfill_workers_busy")
            .help("Workers holding a chunk now, by operation").labelNames("operation").register(registry);
    private final Gauge workers = Gauge.builder().name("backfill_workers")
            .help("Workers allowed to claim chunks now (-p, the choice of -p auto, the queue's control), by operation")
            .labelNames("operation").register(registry);
    /** Per chunk in progress: rows and bytes already counted from its progress events. */
    private final Map<String, long[]> counted = new ConcurrentHashMap<>();
    /** (System.nanoTime, bytes sent so far) over the last 30 s, oldest first. */
    private final Deque<long[]> recent = new ArrayDeque<>();
    private final long started = System.nanoTime();
    private final HTTPServer server;
    private long bytesSent;
    /** The operation and the chunks pending when the run started, from its first task; null before. */
    private String operation;
    private int total;
    private int done;

    private Metrics(int port) {
        GaugeWithCallback.builder().name("backfill_chunks_left")
                .help("Chunks this run has still to do, by operation").labelNames("operation")
                .callback(callback -> {
                    String op = operation();
                    if (op != null) {
                        callback.call(chunksLeft(), op);
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("backfill_bytes_per_second")
                .help("Bytes sent to the target per second over the last 30 seconds")
                .callback(callback -> callback.call(bytesPerSecond())).register(registry);
        GaugeWithCallback.builder().name("backfill_eta_seconds")
                .help("Seconds this run needs for the chunks it has left at its pace so far; absent until a chunk is done")
                .callback(callback -> {
                    double eta = etaSeconds();
                    if (eta >= 0) {
                        callback.call(eta);
                    }
                }).register(registry);
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
            if (startRun(started.operation(), started.total())) {
                // Zero from the start, so that alerts on increase() see the first one.
                retries.labelValues(started.operation());
                errors.labelValues(started.operation());
            }
        } else if (event instanceof BackfillEvent.CopyProgress progress) {
            long[] sofar = counted.computeIfAbsent(progress.chunk(), c -> new long[2]);
            add(sofar, progress.rows(), progress.bytes());
        } else if (event instanceof BackfillEvent.TaskFinished finish) {
            busy.labelValues(finish.operation()).dec();
            finished.labelValues(finish.operation(), finish.ok() ? "ok" : "failed").inc();
            if (!finish.ok()) {
                errors.labelValues(finish.operation()).inc();
            }
            chunkDone();
            if (finish.operation().equals("copy")) {
                long[] sofar = counted.remove(finish.chunk());
                add(sofar == null ? new long[2] : sofar, finish.rows(), finish.bytes());
            }
        } else if (event instanceof BackfillEvent.TaskRetrying retrying) {
            retries.labelValues(retrying.operation()).inc();
            errors.labelValues(retrying.operation()).inc();
        } else if (event instanceof BackfillEvent.ParallelismChanged changed) {
            workers.labelValues(changed.operation()).set(changed.workers());
        }
    }

    /** True the first time: the operation and the chunks pending when the run started. */
    private synchronized boolean startRun(String op, int pending) {
        if (operation != null) {
            return false;
        }
        operation = op;
        total = pending;
        return true;
    }

    private synchronized String operation() {
        return operation;
    }

    private synchronized int chunksLeft() {
        return Math.max(0, total - done);
    }

    private synchronized void chunkDone() {
        done++;
    }

    /** Negative while unknown. */
    private synchronized double etaSeconds() {
        if (done == 0) {
            return -1;
        }
        return (System.nanoTime() - started) / 1e9 / done * chunksLeft();
    }

    private synchronized double bytesPerSecond() {
        long now = System.nanoTime();
        long windowStart = Math.max(started, now - RATE_WINDOW_NANOS);
        // The newest sample at or before the window's start holds the bytes sent before it.
        while (recent.size() > 1 && secondOldest() <= windowStart) {
            recent.removeFirst();
        }
        // None at or before it: nothing had been sent then (the one that was is never dropped).
        long before = !recent.isEmpty() && recent.peekFirst()[0] <= windowStart ? recent.peekFirst()[1] : 0;
        return (bytesSent - before) / Math.max(0.001, (now - windowStart) / 1e9);
    }

    private long secondOldest() {
        var it = recent.iterator();
        it.next();
        return it.next()[0];
    }

    private synchronized void add(long[] sofar, long chunkRows, long chunkBytes) {
        long newBytes = Math.max(0, chunkBytes - sofar[1]);
        bytesSent += newBytes;
        recent.addLast(new long[] {System.nanoTime(), bytesSent});
        rows.inc(Math.max(0, chunkRows - sofar[0]));
        bytes.inc(newBytes);
        sofar[0] = Math.max(sofar[0], chunkRows);
        sofar[1] = Math.max(sofar[1], chunkBytes);
    }

    @Override
    public void close() {
        server.close();
    }
}
