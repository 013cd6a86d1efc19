package io.github.tsbackfill.internal;

import java.time.OffsetDateTime;

/**
 * One worker of a copy or verify run: who it is ({@code host:pid/job-N}, recorded in the tasks it works on and
 * named in its sessions' application_name) and what it is doing now, which {@link RunControl} publishes in
 * {@code __backfill.worker}. Written by the worker's thread, read by the heartbeat.
 */
final class Worker {

    /** What the heartbeat publishes of a worker at one moment. */
    record Snapshot(String id, int number, Long task, String chunk, OffsetDateTime started, long bytes,
                    OffsetDateTime progressed) {
    }

    private final String id;
    private final String job;
    private final int number;
    private final Throttle throttle;
    private volatile Long task;
    private volatile String chunk;
    private volatile OffsetDateTime started;
    private volatile long bytes;
    private volatile OffsetDateTime progressed;

    Worker(String process, String job, int number, Throttle throttle) {
        this.id = process + "/" + job + "-" + number;
        this.job = job;
        this.number = number;
        this.throttle = throttle;
    }

    String id() {
        return id;
    }

    /** copy or verify. */
    String job() {
        return job;
    }

    int number() {
        return number;
    }

    /** The session name on both servers: the tool, then this worker (PostgreSQL keeps 63 bytes of it). */
    String applicationName() {
        return "timescaledb-backfill " + id;
    }

    void begin(Task claimed) {
        bytes = 0;
        started = OffsetDateTime.now();
        progressed = started;
        chunk = claimed.chunkDisplay();
        task = claimed.priority();
    }

    /** When the current (or last) task began. */
    OffsetDateTime started() {
        return started;
    }

    /** Waits while the run's rate limit says so, then counts {@code count} bytes as sent. */
    void sending(int count) {
        throttle.acquire(count);
        bytes += count;
        progressed = OffsetDateTime.now();
    }

    void end() {
        task = null;
        chunk = null;
    }

    Snapshot snapshot() {
        Long current = task;
        return current == null ? new Snapshot(id, number, null, null, null, 0, null)
                : new Snapshot(id, number, current, chunk, started, bytes, progressed);
    }
}
