package io.github.tsbackfill.internal;

/**
 * A chunk's status bits, its compressed relation ({@code "schema"."table"}, or null) and its hypertable (quoted;
 * null where the caller did not read it).
 */
record ChunkState(int status, String compressedRelation, String hypertable) {

    private static final int COMPRESSED = 1;
    private static final int UNORDERED = 2;
    private static final int PARTIAL = 8;

    ChunkState(int status, String compressedRelation) {
        this(status, compressedRelation, null);
    }

    boolean compressed() {
        return (status & COMPRESSED) != 0 && compressedRelation != null;
    }

    /** Compressed data plus rows inserted after compression, still in the uncompressed heap. */
    boolean partial() {
        return (status & PARTIAL) != 0;
    }

    /** Compressed batches that do not follow the orderby (rows compressed straight on insert). */
    boolean unordered() {
        return (status & UNORDERED) != 0;
    }
}
