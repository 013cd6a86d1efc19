package io.github.tsbackfill.internal;

/** A chunk's compression status bits and its compressed relation ({@code "schema"."table"}, or null). */
record ChunkState(int status, String compressedRelation) {

    private static final int COMPRESSED = 1;
    private static final int PARTIAL = 8;

    boolean compressed() {
        return (status & COMPRESSED) != 0 && compressedRelation != null;
    }

    /** Compressed data plus rows inserted after compression, still in the uncompressed heap. */
    boolean partial() {
        return (status & PARTIAL) != 0;
    }
}
