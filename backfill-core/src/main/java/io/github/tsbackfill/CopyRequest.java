package io.github.tsbackfill;

import java.util.Objects;

/**
 * How to run copy: {@code parallelism} workers, each copying one chunk per target transaction; {@code recopy}:
 * which finished tasks to make pending again first (they are verified again after their new copy).
 */
public record CopyRequest(int parallelism, Recopy recopy) {

    public CopyRequest {
        if (parallelism < 1) {
            throw new InvalidConfigurationException("--parallelism", "must be at least 1, was " + parallelism);
        }
        Objects.requireNonNull(recopy, "recopy");
    }

    public CopyRequest(int parallelism) {
        this(parallelism, Recopy.NONE);
    }

    public CopyRequest withRecopy(Recopy which) {
        return new CopyRequest(parallelism, which);
    }
}
