package io.github.tsbackfill;

import java.util.Objects;

/**
 * How to run copy: {@code parallelism} workers, each copying one chunk per target transaction; {@code recopy}:
 * which finished tasks to make pending again first (they are verified again after their new copy);
 * {@code retries}: how many more times this run tries a chunk whose copy failed on a transient error (a lost
 * connection, a server restarting, a deadlock...), with exponential backoff and jitter; {@code freeze}: write the
 * rows of whole chunks already frozen ({@code COPY ... FREEZE} after emptying the chunk with {@code TRUNCATE}), which
 * spares the target the later vacuum that would freeze, and so rewrite, every copied page; the price is an exclusive
 * lock on each chunk while it is copied (readers of that chunk on the target wait); {@code maxRate}: bytes per
 * second sent by all the workers together, 0 for no limit (the queue's control may lower it further);
 * {@code autoParallelism}: start with one worker and let the run find how many help ({@code -p auto}), up to
 * {@code parallelism}; {@code pausePolicies}: first unschedule the target's policy jobs (retention, compression,
 * reorder, cagg refresh) on the staged hypertables and the caggs over them, recording them in {@code __backfill} so
 * that {@link Backfill#refreshCaggs}, {@link Backfill#clean} or {@link Backfill#resumePolicies} schedule them again.
 */
public record CopyRequest(int parallelism, Recopy recopy, int retries, boolean freeze, long maxRate,
                          boolean autoParallelism, boolean pausePolicies) {

    public static final int DEFAULT_RETRIES = 5;

    public CopyRequest {
        if (parallelism < 1) {
            throw new InvalidConfigurationException(autoParallelism ? "--max-parallelism" : "--parallelism",
                    "must be at least 1, was " + parallelism);
        }
        if (maxRate < 0) {
            throw new InvalidConfigurationException("--max-rate", "must be 0 (no limit) or more, was " + maxRate);
        }
        if (retries < 0) {
            throw new InvalidConfigurationException("--retries", "must be 0 or more, was " + retries);
        }
        Objects.requireNonNull(recopy, "recopy");
    }

    public CopyRequest(int parallelism, Recopy recopy, int retries) {
        this(parallelism, recopy, retries, false, 0, false, false);
    }

    public CopyRequest(int parallelism, Recopy recopy) {
        this(parallelism, recopy, DEFAULT_RETRIES);
    }

    public CopyRequest(int parallelism) {
        this(parallelism, Recopy.NONE);
    }

    public CopyRequest withRecopy(Recopy which) {
        return new CopyRequest(parallelism, which, retries, freeze, maxRate, autoParallelism, pausePolicies);
    }

    public CopyRequest withRetries(int count) {
        return new CopyRequest(parallelism, recopy, count, freeze, maxRate, autoParallelism, pausePolicies);
    }

    public CopyRequest withFreeze(boolean frozen) {
        return new CopyRequest(parallelism, recopy, retries, frozen, maxRate, autoParallelism, pausePolicies);
    }

    public CopyRequest withMaxRate(long bytesPerSecond) {
        return new CopyRequest(parallelism, recopy, retries, freeze, bytesPerSecond, autoParallelism, pausePolicies);
    }

    /** Up to {@code max} workers, as many as measurably help: see {@link #autoParallelism()}. */
    public CopyRequest withAutoParallelism(int max) {
        return new CopyRequest(max, recopy, retries, freeze, maxRate, true, pausePolicies);
    }

    public CopyRequest withPausedPolicies(boolean pause) {
        return new CopyRequest(parallelism, recopy, retries, freeze, maxRate, autoParallelism, pause);
    }
}
