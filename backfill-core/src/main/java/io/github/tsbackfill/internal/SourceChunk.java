package io.github.tsbackfill.internal;

/**
 * A source chunk found by stage: its time slice (internal units), all slices as create_chunk JSON, its state,
 * the slice of the first space dimension (null without one), and its rows and bytes as statistics estimate them.
 */
record SourceChunk(Hypertable hypertable, String schema, String name, long rangeStart, long rangeEnd,
                   ChunkState state, String slices, Long spaceStart, Long spaceEnd, long estimatedRows,
                   long estimatedBytes) {

    String qualified() {
        return Sql.qualified(schema, name);
    }

    /** The share of the chunk's time slice inside [from, until), for estimating a partly staged chunk. */
    double share(Long from, Long until) {
        long start = from == null ? rangeStart : Math.max(rangeStart, from);
        long end = until == null ? rangeEnd : Math.min(rangeEnd, until);
        // In doubles: the first and last chunks reach the long's limits, and their width overflows a long.
        return rangeEnd <= rangeStart ? 1 : Math.max(0, ((double) end - start) / ((double) rangeEnd - rangeStart));
    }
}
