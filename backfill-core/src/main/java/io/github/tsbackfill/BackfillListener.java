package io.github.tsbackfill;

/**
 * Receives progress events. Called from worker threads, concurrently: implementations must be thread-safe and
 * quick (hand work to another thread for slow rendering).
 */
@FunctionalInterface
public interface BackfillListener {

    BackfillListener NONE = event -> { };

    void onEvent(BackfillEvent event);
}
