package io.github.tsbackfill;

import java.time.OffsetDateTime;

/**
 * The queue's control as running processes obey it.
 *
 * @param parallelism workers per process at most; null: each process's own {@code -p}
 * @param maxRate     bytes per second for all copy processes together; null: no limit
 * @param updated     when it was last changed
 */
public record ControlSettings(boolean paused, Integer parallelism, Long maxRate, OffsetDateTime updated) {
}
