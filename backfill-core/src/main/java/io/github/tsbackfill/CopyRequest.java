package io.github.tsbackfill;

import java.util.Objects;

/**
 * How to run copy: {@code parallelism} workers, each copying one chunk per target transaction; {@code recopy}:
 * which finished tasks to make pending again first (they are verified again after their new copy);
 * {@code retries}: how many more times this run tries a chunk whose copy failed on a transient error (a lost
 * connection, a server restarting, a deadlock...), with exponential backoff and jitter.
 */
public record CopyRequest(int parallelism, Recopy recopy, int retries) {

    public static final int DEFAULT_RETRIES = 5;

    public CopyRequest {
        if (parallelism < 1) {
            throw new InvalidConfigurationException("--parallelism", "must be at least 1, was " + parallelism);
        }
        if (retries < 0) {
            throw new InvalidConfigurationException("--retries", "must be 0 or more, was " + retries);
        }
        Objects.requireNonNull(recopy, "recopy");
    }

    public CopyRequest(int parallelism, Recopy recopy) {
        this(parallelism, recopy, DEFAULT_RETRIES);
    }

    public CopyRequest(int parallelism) {
        this(parallelism, Recopy.NONE);
    }

    public CopyRequest withRecopy(Recopy which) {
        return new CopyRequest(parallelism, which, retries);
    }

    public CopyRequest withRetries(int count) {
        return new CopyRequest(parallelism, recopy, count);
    }
}
