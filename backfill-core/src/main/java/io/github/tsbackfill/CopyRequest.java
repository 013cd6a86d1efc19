package io.github.tsbackfill;

/** How to run copy: {@code parallelism} workers, each copying one chunk per target transaction. */
public record CopyRequest(int parallelism) {

    public CopyRequest {
        if (parallelism < 1) {
            throw new InvalidConfigurationException("--parallelism", "must be at least 1, was " + parallelism);
        }
    }
}
