package io.github.tsbackfill.internal;

/** A user hypertable, its time (first) dimension and its first space dimension, if any. */
record Hypertable(int id, String schema, String name, int dimensionId, String timeColumn, String timeType,
                  int dimensions, String spaceColumn, String spaceFunction) {

    String qualified() {
        return Sql.qualified(schema, name);
    }

    /** {@code schema.table} unquoted, for messages and task rows. */
    String display() {
        return schema + "." + name;
    }

    boolean integerTime() {
        return timeType.equals("bigint") || timeType.equals("integer") || timeType.equals("smallint");
    }
}
