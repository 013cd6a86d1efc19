package io.github.tsbackfill;

/** Which finished tasks {@code copy --recopy} makes pending again before copying. */
public enum Recopy {
    /** None: copy only what is pending. */
    NONE,
    /** Chunks verify found different. */
    MISMATCHED,
    /** Chunks with a copy error recorded, and those skipped because their source chunk was gone. */
    FAILED,
    /** Every staged chunk. */
    ALL
}
