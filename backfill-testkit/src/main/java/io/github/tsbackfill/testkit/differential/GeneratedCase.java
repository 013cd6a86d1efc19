package io.github.tsbackfill.testkit.differential;

import java.util.List;

/**
 * One generated hypertable, table {@code t} in its own schema: the SQL that builds it on each side, the bounds to
 * stage it with (SQL expressions in the time type), and its columns besides the time column {@code ts} and the
 * segment column {@code dev} that every case has. {@code description} says what was drawn, for failure messages.
 */
public record GeneratedCase(long seed, String schema, String description, List<String> sourceSql,
                            List<String> targetSql, String until, String from, List<String> columns) {

    /** {@code "schema"."t"}. */
    public String table() {
        return "\"" + schema + "\".\"t\"";
    }

    /** The staged range as a condition on the time column, in the time type. */
    public String rangeCondition() {
        return rangeCondition("ts");
    }

    /** The same, on the time column as {@code column} names it (e.g. qualified by an alias). */
    public String rangeCondition(String column) {
        return column + " < " + until + (from == null ? "" : " AND " + column + " >= " + from);
    }
}
