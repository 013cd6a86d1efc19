package io.github.tsbackfill;

/** How a chunk travelled. */
public enum CopyMode {
    /** Rows, streamed as binary (or text) COPY. */
    ROWS,
    /** The compressed relation's rows as they are, never decompressed (plus any uncompressed rows of a partial chunk). */
    COMPRESSED,
    /** Rows, then compressed on the target: the versions' compressed formats are not interchangeable. */
    RECOMPRESSED
}
