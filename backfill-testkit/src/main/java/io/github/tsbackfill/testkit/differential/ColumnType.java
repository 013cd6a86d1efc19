package io.github.tsbackfill.testkit.differential;

import java.util.List;

/**
 * One column type of the generator's catalogue: its SQL type, the types or functions it needs first (run in the
 * case's schema), and an expression of the row number {@code g} giving its values, NULLs and extreme values
 * included.
 */
public record ColumnType(String sqlType, List<String> prerequisites, String valueOfG) {

    /** Every built-in family a user can put in a hypertable, with values that stress exact transfer and compare. */
    public static final List<ColumnType> CATALOGUE = List.of(
            of("smallint", "CASE g % 7 WHEN 0 THEN 32767 WHEN 1 THEN -32768 WHEN 2 THEN NULL ELSE g % 1000 END"),
            of("integer", "CASE g % 7 WHEN 0 THEN 2147483647 WHEN 1 THEN -2147483648 WHEN 2 THEN NULL ELSE g * 37 END"),
            of("bigint", "CASE g % 7 WHEN 0 THEN 9223372036854775807 WHEN 1 THEN -9223372036854775808 "
                    + "WHEN 2 THEN NULL ELSE g * 1000003 END"),
            of("numeric", "CASE g % 6 WHEN 0 THEN 'NaN'::numeric WHEN 1 THEN 1.0 WHEN 2 THEN 1.00 WHEN 3 THEN NULL "
                    + "ELSE g * 1.25 + 0.000000000000000001 END"),
            of("numeric(12,3)", "CASE WHEN g % 5 = 0 THEN NULL ELSE g / 7.0 END"),
            of("money", "CASE WHEN g % 5 = 0 THEN NULL ELSE (g * 12.34)::numeric::money END"),
            of("real", "CASE g % 6 WHEN 0 THEN 'Infinity'::real WHEN 1 THEN '-0'::real WHEN 2 THEN 'NaN'::real "
                    + "WHEN 3 THEN NULL ELSE g / 3.0 END"),
            of("double precision", "CASE g % 6 WHEN 0 THEN '-Infinity'::float8 WHEN 1 THEN '-0'::float8 "
                    + "WHEN 2 THEN 0 WHEN 3 THEN NULL ELSE g / 7.0 END"),
            of("interval", "CASE g % 4 WHEN 0 THEN interval '1 day' WHEN 1 THEN interval '24 hours' WHEN 2 THEN NULL "
                    + "ELSE g * interval '1 minute 3 seconds' END"),
            of("text", "CASE g % 5 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'Ünïcødé ' || g ELSE 'row ' || g END"),
            of("text COLLATE \"C\"", "CASE WHEN g % 3 = 0 THEN 'B' || g ELSE 'a' || g END"),
            of("character varying(20)", "CASE WHEN g % 4 = 0 THEN NULL ELSE 'v' || g END"),
            of("character(5)", "CASE WHEN g % 4 = 0 THEN 'x' ELSE lpad((g % 1000)::text, 4) END"),
            of("bytea", "CASE WHEN g % 4 = 0 THEN NULL WHEN g % 4 = 1 THEN ''::bytea ELSE decode(md5(g::text), 'hex') END"),
            of("boolean", "CASE g % 3 WHEN 0 THEN NULL WHEN 1 THEN true ELSE false END"),
            of("uuid", "CASE WHEN g % 4 = 0 THEN NULL ELSE md5(g::text)::uuid END"),
            of("json", "CASE WHEN g % 4 = 0 THEN NULL ELSE json_build_object('g', g, 'k', 'v ' || g) END"),
            of("jsonb", "CASE WHEN g % 4 = 0 THEN NULL ELSE jsonb_build_object('g', g, 'a', jsonb_build_array(g, 1.50)) END"),
            of("xml", "CASE WHEN g % 4 = 0 THEN NULL ELSE xmlparse(content '<r g=\"' || g || '\">x</r>') END"),
            of("inet", "CASE WHEN g % 4 = 0 THEN NULL ELSE ('10.' || g % 256 || '.0.1/16')::inet END"),
            of("cidr", "CASE WHEN g % 4 = 0 THEN NULL ELSE ('10.' || g % 256 || '.0.0/16')::cidr END"),
            of("macaddr", "CASE WHEN g % 4 = 0 THEN NULL ELSE ('08:00:2b:01:02:' || lpad(to_hex(g % 256), 2, '0'))::macaddr END"),
            of("macaddr8", "CASE WHEN g % 4 = 0 THEN NULL ELSE ('08:00:2b:01:02:03:04:' || lpad(to_hex(g % 256), 2, '0'))::macaddr8 END"),
            of("bit(8)", "CASE WHEN g % 4 = 0 THEN NULL ELSE (g % 256)::bit(8) END"),
            of("bit varying", "CASE WHEN g % 4 = 0 THEN NULL ELSE ((g % 64)::bit(6))::varbit END"),
            of("tsvector", "CASE WHEN g % 4 = 0 THEN NULL ELSE to_tsvector('simple', 'word' || g || ' other') END"),
            of("tsquery", "CASE WHEN g % 4 = 0 THEN NULL ELSE to_tsquery('simple', 'word' || g || ' & other') END"),
            of("point", "CASE WHEN g % 4 = 0 THEN NULL ELSE point(g, -g / 3.0) END"),
            of("box", "CASE WHEN g % 4 = 0 THEN NULL ELSE box(point(0, 0), point(g, g)) END"),
            of("circle", "CASE WHEN g % 4 = 0 THEN NULL ELSE circle(point(g, 0), g + 1) END"),
            of("int4range", "CASE g % 4 WHEN 0 THEN NULL WHEN 1 THEN 'empty'::int4range ELSE int4range(g, g + 10) END"),
            of("tstzrange", "CASE WHEN g % 4 = 0 THEN NULL ELSE tstzrange('2024-01-01'::timestamptz + g * interval '1 s', NULL) END"),
            of("int4multirange", "CASE WHEN g % 4 = 0 THEN NULL ELSE int4multirange(int4range(g, g + 1), int4range(g + 5, g + 9)) END"),
            of("integer[]", "CASE g % 4 WHEN 0 THEN NULL WHEN 1 THEN '{}'::int[] WHEN 2 THEN ARRAY[NULL, g]::int[] "
                    + "ELSE ARRAY[g, g * 2] END"),
            of("text[]", "CASE WHEN g % 4 = 0 THEN NULL ELSE ARRAY['a' || g, 'with \"quote', NULL] END"),
            of("numeric[]", "CASE WHEN g % 2 = 0 THEN ARRAY[1.0] ELSE ARRAY[1.00] END"),
            new ColumnType("mood", List.of("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')"),
                    "CASE g % 4 WHEN 0 THEN NULL WHEN 1 THEN 'sad' WHEN 2 THEN 'ok' ELSE 'happy' END::mood"),
            new ColumnType("mood[]", List.of("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')"),
                    "CASE WHEN g % 3 = 0 THEN NULL ELSE ARRAY['ok', 'happy']::mood[] END"),
            new ColumnType("positive", List.of("CREATE DOMAIN positive AS integer CHECK (VALUE > 0)"),
                    "CASE WHEN g % 4 = 0 THEN NULL ELSE g + 1 END"),
            new ColumnType("pair", List.of("CREATE TYPE pair AS (a integer, b text)"),
                    "CASE WHEN g % 4 = 0 THEN NULL ELSE ROW(g, 'b' || g)::pair END"),
            // No binary send/receive: the whole chunk travels as text COPY.
            of("aclitem", "CASE WHEN g % 4 = 0 THEN NULL ELSE makeaclitem(10, 10, 'SELECT', g % 2 = 0) END"));

    private static ColumnType of(String sqlType, String valueOfG) {
        return new ColumnType(sqlType, List.of(), valueOfG);
    }
}
