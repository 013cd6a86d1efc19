package io.github.tsbackfill.testkit.differential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Draws hypertables from a seed: time type, chunk interval, up to two extra dimensions (by hash, by range), columns from the
 * {@link ColumnType#CATALOGUE}, how the target differs (column order, a dropped column, other compression
 * settings), compression (none, full, partial) and bounds that cross chunks. The same seed draws the same case.
 */
public final class CaseGenerator {

    /** A time type with its chunk intervals, how row {@code g} maps to a time, and bounds at a row number. */
    private record TimeType(String sqlType, List<String> intervals, String timeOfG, String boundFormat) {
        String bound(long g) {
            return String.format(boundFormat, g);
        }
    }

    private static final List<TimeType> TIME_TYPES = List.of(
            new TimeType("timestamptz", List.of("interval '1 hour'", "interval '6 hours'", "interval '1 day'"),
                    "'2024-01-01 00:00+00'::timestamptz + g * interval '7 minutes'",
                    "('2024-01-01 00:00+00'::timestamptz + %d * interval '7 minutes')"),
            new TimeType("timestamp", List.of("interval '2 hours'", "interval '1 day'"),
                    "'2024-01-01 00:00'::timestamp + g * interval '7 minutes'",
                    "('2024-01-01 00:00'::timestamp + %d * interval '7 minutes')"),
            new TimeType("date", List.of("interval '1 day'", "interval '7 days'"),
                    "'2020-01-01'::date + g", "('2020-01-01'::date + %d)"),
            new TimeType("smallint", List.of("50", "200"), "(g - 100)::smallint", "(%d - 100)::smallint"),
            new TimeType("integer", List.of("100", "1000"), "g * 3 - 500", "(%d * 3 - 500)"),
            new TimeType("bigint", List.of("100", "5000"), "g * 1000003::bigint", "(%d * 1000003::bigint)"));

    private final boolean compression;

    /** @param compression whether the databases can compress (Timescale License build) */
    public CaseGenerator(boolean compression) {
        this.compression = compression;
    }

    /** The case drawn from {@code seed}, built in schema {@code schema}. */
    public GeneratedCase generate(long seed, String schema) {
        Random random = new Random(seed);
        TimeType time = pick(random, TIME_TYPES);
        String interval = pick(random, time.intervals());
        int rows = 200 + random.nextInt(400);
        List<ColumnType> columns = new ArrayList<>();
        for (int i = 0; i < 3 + random.nextInt(4); i++) {
            ColumnType c = pick(random, ColumnType.CATALOGUE);
            if (!columns.contains(c)) {
                columns.add(c);
            }
        }
        boolean space = random.nextInt(3) == 0;
        boolean shuffled = random.nextBoolean();
        boolean droppedColumn = random.nextInt(3) == 0;
        String compressionMode = compression ? pick(random, List.of("none", "full", "partial", "other settings")) : "none";
        boolean timeDesc = random.nextBoolean();
        long untilRow = rows / 2 + random.nextInt(rows / 2);
        Long fromRow = random.nextInt(3) == 0 ? (long) random.nextInt(rows / 3) : null;
        // Drawn from a stream of its own so that the cases of earlier seeds stay what they were. Targets that
        // cannot create chunks (no compression either) take at most one extra dimension.
        boolean rangeDimension = compression && new Random(seed * 31 + 7).nextInt(3) == 0;

        List<String> names = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        Set<String> prerequisites = new LinkedHashSet<>();
        definitions.add("ts " + time.sqlType() + " NOT NULL");
        definitions.add("dev integer");
        if (rangeDimension) {
            definitions.add("seq integer NOT NULL");
        }
        for (int i = 0; i < columns.size(); i++) {
            String name = "c" + i;
            names.add(name);
            definitions.add(name + " " + columns.get(i).sqlType());
            prerequisites.addAll(columns.get(i).prerequisites());
        }
        List<String> values = new ArrayList<>(List.of(time.timeOfG(), "g % 4"));
        if (rangeDimension) {
            values.add("g");
        }
        columns.forEach(c -> values.add(c.valueOfG()));
        String insert = "INSERT INTO t (ts, dev" + (rangeDimension ? ", seq" : "")
                + names.stream().map(n -> ", " + n).collect(Collectors.joining())
                + ") SELECT " + String.join(", ", values) + " FROM generate_series(";

        List<String> source = new ArrayList<>(setup(schema, prerequisites));
        source.add("CREATE TABLE t (" + String.join(", ", definitions) + ")");
        source.addAll(hypertable(interval, space, rangeDimension));
        List<String> targetDefinitions = new ArrayList<>(definitions);
        if (shuffled) {
            Collections.shuffle(targetDefinitions, random);
        }
        if (droppedColumn) {
            targetDefinitions.add(0, "gone integer");
        }
        List<String> target = new ArrayList<>(setup(schema, prerequisites));
        target.add("CREATE TABLE t (" + String.join(", ", targetDefinitions) + ")");
        if (droppedColumn) {
            target.add("ALTER TABLE t DROP COLUMN gone");
        }
        target.addAll(hypertable(interval, space, rangeDimension));

        String orderBy = "ts" + (timeDesc ? " DESC" : "");
        String otherOrderBy = "ts" + (timeDesc ? "" : " DESC");
        if (!compressionMode.equals("none")) {
            source.add(compress(orderBy));
            target.add(compress(compressionMode.equals("other settings") ? otherOrderBy : orderBy));
        }
        if (compressionMode.equals("partial")) {
            // Odd rows compressed, then even rows inserted into the compressed chunks: partially compressed.
            source.add(rows(insert, 1, rows - 1, 2));
            source.add("SELECT compress_chunk(c) FROM show_chunks('t') c");
            source.add(rows(insert, 0, rows - 1, 2));
        } else {
            source.add(rows(insert, 0, rows - 1, 1));
            if (!compressionMode.equals("none")) {
                source.add("SELECT compress_chunk(c) FROM show_chunks('t') c");
            }
        }
        String description = String.format("seed %d: %s by %s%s%s, %d rows, columns %s, target %s%s, compression %s (%s),"
                        + " rows [%s, %d)", seed, time.sqlType(), interval, space ? " + space" : "",
                rangeDimension ? " + range on seq" : "", rows,
                columns.stream().map(ColumnType::sqlType).toList(), shuffled ? "shuffled" : "same order",
                droppedColumn ? " with a dropped column" : "", compressionMode, orderBy,
                fromRow == null ? "-" : fromRow, untilRow);
        if (rangeDimension) {
            names.add("seq");
        }
        return new GeneratedCase(seed, schema, description, source, target, time.bound(untilRow),
                fromRow == null ? null : time.bound(fromRow), names);
    }

    /** The insert of rows from..to (every step-th), its values being expressions of g. */
    private static String rows(String insert, int from, int to, int step) {
        return insert + from + ", " + to + ", " + step + ") g";
    }

    private static List<String> setup(String schema, Set<String> prerequisites) {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE SCHEMA " + schema);
        sql.add("SET search_path = " + schema + ", public");
        sql.addAll(prerequisites);
        return sql;
    }

    private static List<String> hypertable(String interval, boolean space, boolean rangeDimension) {
        List<String> sql = new ArrayList<>();
        sql.add("SELECT create_hypertable('t', 'ts', chunk_time_interval => " + interval + ")");
        if (space) {
            sql.add("SELECT add_dimension('t', 'dev', number_partitions => 2)");
        }
        if (rangeDimension) {
            sql.add("SELECT add_dimension('t', 'seq', chunk_time_interval => 150)");
        }
        return sql;
    }

    private static String compress(String orderBy) {
        return "ALTER TABLE t SET (timescaledb.compress, timescaledb.compress_segmentby = 'dev', "
                + "timescaledb.compress_orderby = '" + orderBy + "')";
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
