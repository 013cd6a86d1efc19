package io.github.tsbackfill.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Bytes per second for all the workers of one process together: a token bucket holding at most one second of
 * sending, so a pause is not made up for by a burst. The rate can change while workers wait; 0 is no limit.
 * Every byte sent passes here, so it also counts them (what {@code -p auto} measures).
 */
final class Throttle {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final LongAdder sent = new LongAdder();
    private long rate;
    private double tokens;
    private long refilled = System.nanoTime();

    Throttle(long bytesPerSecond) {
        this.rate = bytesPerSecond;
    }

    synchronized void setRate(long bytesPerSecond) {
        refill();
        rate = bytesPerSecond;
        tokens = Math.min(tokens, rate);
    }

    synchronized long rate() {
        return rate;
    }

    /** All the bytes that went through so far. */
    long sent() {
        return sent.sum();
    }

    /** Takes {@code bytes} from the bucket, waiting (outside the lock) for what it lacks. */
    void acquire(long bytes) {
        sent.add(bytes);
        long wait;
        synchronized (this) {
            if (rate <= 0) {
                return;
            }
            refill();
            // Debt is allowed: the bytes go now, and the next sender waits until the bucket is back above zero.
            tokens -= bytes;
            wait = tokens >= 0 ? 0 : (long) (-tokens * SECOND / rate);
        }
        long until = System.nanoTime() + wait;
        for (long left = wait; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void refill() {
        long now = System.nanoTime();
        if (rate > 0) {
            tokens = Math.min(rate, tokens + (double) (now - refilled) * rate / SECOND);
        }
        refilled = now;
    }
}
