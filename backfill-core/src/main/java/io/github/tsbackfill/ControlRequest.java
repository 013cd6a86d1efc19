package io.github.tsbackfill;

/**
 * What to change in the queue's control, which every running copy and verify process reads within seconds, on any
 * host. A null leaves that setting as it is.
 *
 * @param paused      true: claim nothing new (chunks in progress finish); false: go on
 * @param parallelism workers per process at most (a process never runs more than its own {@code -p}); 0 clears it
 * @param maxRate     bytes per second for all copy processes together, shared equally among those running; 0 clears it
 */
public record ControlRequest(Boolean paused, Integer parallelism, Long maxRate) {

    public ControlRequest {
        if (parallelism != null && parallelism < 0) {
            throw new InvalidConfigurationException("--parallelism", "must be 0 (each process's own -p) or more, was "
                    + parallelism);
        }
        if (maxRate != null && maxRate < 0) {
            throw new InvalidConfigurationException("--max-rate", "must be 0 (no limit) or more, was " + maxRate);
        }
    }
}
