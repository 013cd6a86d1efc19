package io.github.tsbackfill.testkit;

/** What a test needs from TimescaleDB beyond plain hypertables. */
public enum Capability {
    /** Native compression (Timescale License build). */
    COMPRESSION,
    /** Continuous aggregates (Timescale License build). */
    CONTINUOUS_AGGREGATES
}
