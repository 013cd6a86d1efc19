package io.github.tsbackfill;

/**
 * How to verify copied chunks.
 *
 * @param parallelism workers comparing chunks at once
 * @param deep        also compare an order-independent hash of every row's text form (catches swapped values)
 * @param again       verify chunks verified before too (default: only those not verified since their copy)
 */
public record VerifyRequest(int parallelism, boolean deep, boolean again) {

    public VerifyRequest {
        if (parallelism < 1) {
            throw new InvalidConfigurationException("--parallelism", "must be at least 1, was " + parallelism);
        }
    }
}
