package io.github.tsbackfill.testkit.differential;

import java.util.List;

/**
 * One generated hypertable: the SQL that builds it on each side (in its own schema), the bounds to stage it with,
 * and the columns that take part in comparisons. {@code description} says what was drawn, for failure messages.
 */
public record GeneratedCase(long seed, String schema, String description, List<String> sourceSql,
                            List<String> targetSql, String timeColumn, String until, String from, List<String> columns,
                            String segmentColumn) {

    /** {@code "schema"."t"}. */
    public String table() {
        return "\"" + schema + "\".\"t\"";
    }

    /** The staged range as a condition on the time column, in the time type. */
    public String rangeCondition() {
        return rangeCondition(timeColumn);
    }

    /** The same, on the time column as {@code column} names it (e.g. qualified by an alias). */
    public String rangeCondition(String column) {
        return column + " < " + until + (from == null ? "" : " AND " + column + " >= " + from);
    }
}
