package io.github.tsbackfill.testkit;

/**
 * One hypertable of a fixture with what the fixture put into it on the source.
 *
 * @param schema          schema name, unquoted
 * @param table           table name, unquoted
 * @param timeColumn      the time dimension's column, unquoted
 * @param timeType        its type as PostgreSQL names it ({@code timestamp with time zone}, {@code bigint}, ...)
 * @param rows            rows on the source
 * @param chunks          chunks on the source
 * @param compressedChunks chunks compressed on the source (0 without compression)
 */
public record FixtureHypertable(String schema, String table, String timeColumn, String timeType, long rows,
                                int chunks, int compressedChunks) {

    /** {@code "schema"."table"}, quoted for SQL. */
    public String qualifiedName() {
        return quote(schema) + "." + quote(table);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
