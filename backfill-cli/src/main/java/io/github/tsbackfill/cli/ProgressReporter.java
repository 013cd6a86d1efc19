package io.github.tsbackfill.cli;

import io.github.tsbackfill.BackfillEvent;
import io.github.tsbackfill.BackfillListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Renders progress events: a live status line on a terminal (chunks, rows/s, MB/s, ETA), a plain line every
 * ten seconds otherwise (CI logs, pipes), a line for each failed chunk and each change in the workers at work
 * (-p auto, the queue's control); nothing when quiet.
 */
final class ProgressReporter implements BackfillListener {

    private static final long TERMINAL_EVERY_NANOS = 250_000_000L;
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;
    private final long started = System.nanoTime();
    private long lastPrint;
    private int total;
    private int done;
    private int failed;
    private long rows;
    private long bytes;
    private long inFlightBytes;
    private String operation = "";
    private boolean seenWorkers;

    ProgressReporter(PrintWriter err, boolean terminal, boolean quiet) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    @Override
    public synchronized void onEvent(BackfillEvent event) {
        if (quiet) {
            return;
        }
        if (event instanceof BackfillEvent.TaskStarted s) {
            operation = s.operation();
            total = Math.max(total, s.total());
        } else if (event instanceof BackfillEvent.CopyProgress p) {
            inFlightBytes = p.bytes();
        } else if (event instanceof BackfillEvent.TaskFinished f) {
            if (f.ok()) {
                done++;
                rows += f.rows();
                bytes += f.bytes();
            } else {
                failed++;
                // Verify reports its mismatches and errors once, in the result.
                if (!"verify".equals(f.operation())) {
                    err.println((terminal ? "\r" : "") + operation + " of " + f.chunk() + " failed: " + f.message());
                }
            }
            inFlightBytes = 0;
        } else if (event instanceof BackfillEvent.ParallelismChanged p) {
            // The run's first count is what was asked for; later ones are -p auto's or the operator's doing.
            if (seenWorkers) {
                err.println((terminal ? "\r" : "") + p.operation() + ": " + p.workers() + " worker(s): " + p.reason()
                        + (terminal ? "\u001b[K" : ""));
            }
            seenWorkers = true;
            return;
        } else {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint >= (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) {
            lastPrint = now;
            print(now);
        }
    }

    /** Ends the live line so the summary starts on a fresh one. */
    synchronized void finish() {
        if (!quiet && terminal && lastPrint != 0) {
            print(System.nanoTime());
            err.println();
            err.flush();
        }
    }

    private void print(long now) {
        double seconds = Math.max(0.001, (now - started) / 1e9);
        long sent = bytes + inFlightBytes;
        StringBuilder line = new StringBuilder(operation).append(": ").append(done);
        if (total > 0) {
            line.append('/').append(total);
        }
        line.append(" chunks");
        if (failed > 0) {
            line.append(", ").append(failed).append(" failed");
        }
        line.append(String.format(Locale.ROOT, ", %s rows, %s (%s/s, %s rows/s)", Units.count(rows), Units.bytes(sent),
                Units.bytes(sent / seconds), Units.count((long) (rows / seconds))));
        if (total > 0 && done > 0 && done < total) {
            long etaSeconds = (long) (seconds / done * (total - done - failed));
            line.append(", ETA ").append(Units.duration(Duration.ofSeconds(Math.max(0, etaSeconds))));
        }
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
        } else {
            err.println(line);
        }
        err.flush();
    }
}
