package io.github.tsbackfill.internal;

/**
 * A hypertable, its time (first) dimension and its first space dimension, if any. For the materialization
 * hypertable of a continuous aggregate, {@code caggSchema}/{@code caggName} name the aggregate's view: that is
 * how it is matched between source and target, whose internal names differ.
 */
record Hypertable(int id, String schema, String name, int dimensionId, String timeColumn, String timeType,
                  int dimensions, String spaceColumn, String spaceFunction, String caggSchema, String caggName) {

    String qualified() {
        return Sql.qualified(schema, name);
    }

    /** {@code schema.table} (or {@code schema.view} of a continuous aggregate) unquoted, for messages and results. */
    String display() {
        return cagg() ? caggSchema + "." + caggName : schema + "." + name;
    }

    boolean cagg() {
        return caggName != null;
    }

    boolean integerTime() {
        return integerTime(timeType);
    }

    /** Whether a time type is one of the integer ones. */
    static boolean integerTime(String type) {
        return type.equals("bigint") || type.equals("integer") || type.equals("smallint");
    }

    long integerTimeMin() {
        return integerMin(timeType);
    }

    long integerTimeMax() {
        return integerMax(timeType);
    }

    /** The smallest value of an integer time type. */
    static long integerMin(String type) {
        return switch (type) {
            case "smallint" -> Short.MIN_VALUE;
            case "integer" -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    /** The largest value of an integer time type; for bigint one less, the long's maximum meaning "open". */
    static long integerMax(String type) {
        return switch (type) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE - 1;
        };
    }
}
