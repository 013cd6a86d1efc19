package io.github.tsbackfill.internal;

/**
 * A claimed task: which source chunk goes into which target chunk, restricted to [copyFrom, copyUntil). The target
 * chunk is null until a copy has found or created it from the slices ({@code dimensions}, create_chunk JSON);
 * {@code routed}: the rows go through the hypertable instead (the target cannot create chunks).
 */
record Task(long priority, String hypertableSchema, String hypertableName, String chunkSchema, String chunkName,
            boolean routed, String targetChunk, String dimensions, String timeColumn, String timeType, String copyFrom, String copyUntil,
            String spaceColumn, String spaceFunction, Long spaceFrom, Long spaceUntil, String snapshot) {

    String sourceChunk() {
        return Sql.qualified(chunkSchema, chunkName);
    }

    String hypertable() {
        return Sql.qualified(hypertableSchema, hypertableName);
    }

    /** {@code schema.table}, unquoted, for messages and events. */
    String hypertableDisplay() {
        return hypertableSchema + "." + hypertableName;
    }

    String chunkDisplay() {
        return chunkSchema + "." + chunkName;
    }

    /** Only part of the chunk is in range. */
    boolean filtered() {
        return copyFrom != null || copyUntil != null;
    }
}
