package io.github.tsbackfill.internal;

/**
 * A source chunk found by stage: its time slice (internal units), all slices as create_chunk JSON, its state,
 * and the slice of the first space dimension (null without one).
 */
record SourceChunk(Hypertable hypertable, String schema, String name, long rangeStart, long rangeEnd,
                   ChunkState state, String slices, Long spaceStart, Long spaceEnd) {

    String qualified() {
        return Sql.qualified(schema, name);
    }
}
