package io.github.tsbackfill;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable configuration of a {@link Backfill}: where source and target are, how many workers may run, and
 * who hears about progress. Built fluently and validated in one place, {@link Builder#build()}, whose
 * exceptions name the option at fault.
 *
 * <pre>{@code
 * BackfillConfig config = BackfillConfig.builder()
 *     .source(DatabaseEndpoint.of(sourceDataSource))
 *     .target(DatabaseEndpoint.of("jdbc:postgresql://target:5432/db", "postgres", secret))
 *     .maxParallelism(8)
 *     .listener(event -> log.info("{}", event))
 *     .build();
 * }</pre>
 */
public final class BackfillConfig {

    private final DatabaseEndpoint source;
    private final DatabaseEndpoint target;
    private final int maxParallelism;
    private final Duration connectTimeout;
    private final BackfillListener listener;

    private BackfillConfig(Builder b) {
        this.source = b.source;
        this.target = b.target;
        this.maxParallelism = b.maxParallelism;
        this.connectTimeout = b.connectTimeout;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The source; null for operations that only need the target (clean, status). */
    public DatabaseEndpoint source() { return source; }
    public DatabaseEndpoint target() { return target; }
    public int maxParallelism() { return maxParallelism; }
    public Duration connectTimeout() { return connectTimeout; }
    public BackfillListener listener() { return listener; }

    /** Fluent builder; {@link #build()} validates. */
    public static final class Builder {
        private DatabaseEndpoint source;
        private DatabaseEndpoint target;
        private int maxParallelism = 8;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private BackfillListener listener = BackfillListener.NONE;

        private Builder() {
        }

        public Builder source(DatabaseEndpoint source) {
            this.source = source;
            return this;
        }

        public Builder target(DatabaseEndpoint target) {
            this.target = target;
            return this;
        }

        /** Upper bound for the workers of one copy or verify; connection pools are sized from it. */
        public Builder maxParallelism(int maxParallelism) {
            this.maxParallelism = maxParallelism;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder listener(BackfillListener listener) {
            this.listener = listener;
            return this;
        }

        public BackfillConfig build() {
            if (target == null) {
                throw new InvalidConfigurationException("--target", "the target database is required");
            }
            if (maxParallelism < 1 || maxParallelism > 256) {
                throw new InvalidConfigurationException("--parallelism",
                        "must be between 1 and 256, was " + maxParallelism);
            }
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new InvalidConfigurationException("--connect-timeout", "must be positive");
            }
            Objects.requireNonNull(listener, "listener");
            return new BackfillConfig(this);
        }
    }
}
