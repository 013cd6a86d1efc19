package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillException;
import io.github.tsbackfill.BackfillException.Kind;
import java.math.BigInteger;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Reads TimescaleDB's catalog on one connection, in the layout of the version installed there. */
final class CatalogReader {

    private final DSLContext dsl;
    private final CatalogLayout layout;
    private final String role;

    private CatalogReader(DSLContext dsl, CatalogLayout layout, String role) {
        this.dsl = dsl;
        this.layout = layout;
        this.role = role;
    }

    static CatalogReader on(Connection connection, CatalogLayout layout, String role) {
        return new CatalogReader(Sql.dsl(connection), layout, role);
    }

    /** Detects the TimescaleDB version for this connection. */
    static CatalogReader on(Connection connection, String role) {
        DSLContext dsl = Sql.dsl(connection);
        String version = Sql.value(dsl, String.class, "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'");
        if (version == null) {
            throw new BackfillException(Kind.PRECONDITION, "TimescaleDB is not installed in the " + role
                    + " database (CREATE EXTENSION timescaledb)");
        }
        return new CatalogReader(dsl, CatalogLayout.of(version), role);
    }

    CatalogLayout layout() {
        return layout;
    }

    DSLContext dsl() {
        return dsl;
    }

    /** Hypertables and continuous aggregates matching the case-insensitive regex (null: all), without cascading. */
    List<Hypertable> hypertables(String filter) {
        return hypertables(filter, false, false);
    }

    /** What {@code source-hypertables.sql} selects: matches of the regex, plus the caggs above or tables below. */
    List<Hypertable> hypertables(String filter, boolean cascadeUp, boolean cascadeDown) {
        try {
            return dsl.resultQuery(SqlResources.load("source-hypertables.sql"), filter, filter, filter, filter,
                    cascadeUp, cascadeDown).fetch(CatalogReader::hypertable);
        } catch (DataAccessException e) {
            throw filterError(filter, e);
        }
    }

    /** What a query matching {@code --filter} failed with: an invalid regular expression is the user's to fix. */
    static RuntimeException filterError(String filter, DataAccessException e) {
        return "2201B".equals(e.sqlState())
                ? new BackfillException(Kind.INVALID_INPUT, "--filter: invalid regular expression '" + filter
                        + "': " + Errors.describe(e), e)
                : e;
    }

    /** The hypertable {@code schema.name} on this side, if it is one. */
    Optional<Hypertable> hypertable(String schema, String name) {
        return hypertables(exact(schema, name)).stream()
                .filter(h -> !h.cagg() && h.schema().equals(schema) && h.name().equals(name))
                .findFirst();
    }

    /** This side's counterpart of another side's hypertable: the same table, or the same cagg's materialization. */
    Optional<Hypertable> counterpart(Hypertable other) {
        if (!other.cagg()) {
            return hypertable(other.schema(), other.name());
        }
        return hypertables(exact(other.caggSchema(), other.caggName())).stream()
                .filter(h -> other.caggSchema().equals(h.caggSchema()) && other.caggName().equals(h.caggName()))
                .findFirst();
    }

    private static String exact(String schema, String name) {
        return "^" + (schema + "." + name).replaceAll("([^\\p{L}\\p{N}_])", "\\\\$1") + "$";
    }

    private static Hypertable hypertable(Record r) {
        return new Hypertable(r.get("hypertable_id", Integer.class), r.get("hypertable_schema", String.class),
                r.get("hypertable_name", String.class), r.get("dimension_id", Integer.class),
                r.get("time_column", String.class), r.get("time_type", String.class),
                r.get("num_dimensions", Integer.class), r.get("space_column", String.class),
                r.get("space_function", String.class), r.get("cagg_schema", String.class),
                r.get("cagg_name", String.class));
    }

    /**
     * A user-given time bound as the hypertable's time type: its canonical text and TimescaleDB's internal
     * integer. Throws INVALID_INPUT naming the option and the hypertable when the value does not parse.
     */
    TimeBound timeBound(String option, String value, Hypertable h) {
        if (h.integerTime() && !value.trim().matches("-?\\d+")) {
            throw unparsable(option, value, h, null);
        }
        if (h.integerTime()) {
            // One bound serves hypertables of every integer type: beyond a type's range it bounds nothing there.
            BigInteger v = new BigInteger(value.trim());
            if (v.compareTo(BigInteger.valueOf(h.integerTimeMin())) < 0) {
                return new TimeBound(value.trim(), Long.MIN_VALUE);
            }
            if (v.compareTo(BigInteger.valueOf(h.integerTimeMax())) > 0) {
                return new TimeBound(value.trim(), Long.MAX_VALUE);
            }
        }
        // timestamp and date bounds are read as an instant first (UTC unless an offset is given, the session being
        // in UTC), so one --until with an offset means the same instant on every hypertable.
        Field<String> text = DSL.val(value.trim());
        Field<?> read = h.integerTime() || h.timeType().equals("timestamp with time zone")
                ? DSL.cast(text, TimeType.of(h.timeType()))
                : DSL.cast(DSL.cast(text, SQLDataType.TIMESTAMPWITHTIMEZONE), TimeType.of(h.timeType()));
        try {
            Record r = dsl.select(read.cast(String.class).as("canonical"), DSL.function(
                    DSL.name(layout.functionsSchema(), "time_to_internal"), Long.class, read).as("internal")).fetchOne();
            return new TimeBound(r.get("canonical", String.class), r.get("internal", Long.class));
        } catch (DataAccessException e) {
            throw unparsable(option, value, h, e);
        }
    }

    private static BackfillException unparsable(String option, String value, Hypertable h, Exception cause) {
        return new BackfillException(Kind.INVALID_INPUT, option + ": '" + value + "' is not a valid " + h.timeType()
                + " for hypertable " + h.display() + " (time column " + h.timeColumn() + ")", cause);
    }

    /** Whether this side may create chunks itself: the Apache build refuses {@code create_chunk}. */
    boolean canCreateChunks() {
        return !"apache".equals(Sql.value(dsl, String.class, "SELECT current_setting('timescaledb.license', true)"));
    }

    /** Internal time values written in the hypertable's time type, in the order given. */
    List<TimeBound> timeBounds(Hypertable h, List<Long> internal) {
        String convert = switch (h.timeType()) {
            case "timestamp with time zone" -> "{0}.to_timestamp(v)::text";
            case "timestamp without time zone" -> "{0}.to_timestamp_without_timezone(v)::text";
            case "date" -> "{0}.to_date(v)::text";
            default -> "v::text";
        };
        return dsl.resultQuery("SELECT " + convert + ", v FROM unnest(CAST({1} AS bigint[])) WITH ORDINALITY AS x(v, n) "
                        + "ORDER BY n", DSL.name(layout.functionsSchema()), DSL.val(internal.toArray(Long[]::new)))
                .fetch(r -> new TimeBound(r.get(0, String.class), r.get(1, Long.class)));
    }

    /** Chunks overlapping [from, until) of each hypertable, newest first per hypertable. */
    List<SourceChunk> chunks(List<Hypertable> hypertables, Map<Integer, TimeBound> until, Map<Integer, TimeBound> from) {
        if (hypertables.isEmpty()) {
            return List.of();
        }
        Map<Integer, Hypertable> byId = hypertables.stream().collect(Collectors.toMap(Hypertable::id, Function.identity()));
        Integer[] ids = hypertables.stream().map(Hypertable::id).toArray(Integer[]::new);
        Integer[] dims = hypertables.stream().map(Hypertable::dimensionId).toArray(Integer[]::new);
        Long[] untils = hypertables.stream().map(h -> until.get(h.id()).internal()).toArray(Long[]::new);
        Long[] froms = hypertables.stream().map(h -> from.containsKey(h.id()) ? from.get(h.id()).internal() : null)
                .toArray(Long[]::new);
        List<SourceChunk> chunks = new ArrayList<>();
        dsl.resultQuery(SqlResources.load("source-chunks.sql", layout), ids, dims, untils, froms).fetchSize(1000)
                .forEach(r -> chunks.add(new SourceChunk(byId.get(r.get("hypertable_id", Integer.class)),
                        r.get("chunk_schema", String.class), r.get("chunk_name", String.class),
                        r.get("range_start", Long.class), r.get("range_end", Long.class),
                        new ChunkState(r.get("status", Integer.class), r.get("compressed_relation", String.class)),
                        r.get("slices", String.class), r.get("space_start", Long.class),
                        r.get("space_end", Long.class), r.get("est_rows", Long.class), r.get("est_bytes", Long.class))));
        return chunks;
    }

    /** Current compression state of a chunk; empty when the chunk no longer exists. */
    Optional<ChunkState> chunkState(String schema, String name) {
        return dsl.resultQuery(SqlResources.load("chunk-state.sql", layout), schema, name)
                .fetchOptional(r -> new ChunkState(r.get("status", Integer.class),
                        r.get("compressed_relation", String.class), r.get("hypertable", String.class)));
    }

    /**
     * The compression settings that shape this chunk's compressed data (see {@code compression-settings.sql});
     * empty when this side has none for it.
     */
    Optional<CompressionSettings> compressionSettings(String chunk, ChunkState state) {
        String sql = SqlResources.load(layout.compressionSettingsPerRelation()
                ? "compression-settings.sql" : "compression-settings-2.13.sql");
        return dsl.resultQuery(sql, DSL.val(chunk), DSL.val(state.compressedRelation()), DSL.val(state.hypertable()))
                .fetchOptional(r -> new CompressionSettings(list(r.get("segmentby", String[].class)),
                        list(r.get("orderby", String[].class)), list(r.get("orderby_desc", Boolean[].class)),
                        list(r.get("orderby_nullsfirst", Boolean[].class)), r.get("sparse_index", String.class)));
    }

    /** Whether two relations number their live columns alike (a chunk created after a column was dropped does not). */
    boolean sameAttributeNumbers(String a, String b) {
        return Boolean.TRUE.equals(Sql.value(dsl, Boolean.class, "WITH x AS (SELECT attrelid = to_regclass({0}) AS "
                + "first, attname, attnum FROM pg_attribute WHERE attrelid IN (to_regclass({0}), to_regclass({1})) "
                + "AND attnum > 0 AND NOT attisdropped) SELECT NOT EXISTS (SELECT attname, attnum FROM x WHERE first "
                + "EXCEPT SELECT attname, attnum FROM x WHERE NOT first) AND NOT EXISTS (SELECT attname, attnum FROM x "
                + "WHERE NOT first EXCEPT SELECT attname, attnum FROM x WHERE first)", DSL.val(a), DSL.val(b)));
    }

    /** Whether continuous aggregates read this side's hypertable (quoted name). */
    boolean hasContinuousAggregates(String hypertable) {
        return Boolean.TRUE.equals(Sql.value(dsl, Boolean.class, "SELECT EXISTS (SELECT 1 FROM "
                + "_timescaledb_catalog.continuous_agg a JOIN _timescaledb_catalog.hypertable h ON h.id = "
                + "a.raw_hypertable_id WHERE format('%I.%I', h.schema_name, h.table_name)::regclass = to_regclass({0}))",
                DSL.val(hypertable)));
    }

    /** Whether compression is enabled on this side's hypertable (quoted name). */
    boolean compressionEnabled(String hypertable) {
        return Boolean.TRUE.equals(Sql.value(dsl, Boolean.class, "SELECT compression_enabled "
                + "FROM timescaledb_information.hypertables WHERE format('%I.%I', hypertable_schema, hypertable_name)::regclass "
                + "= to_regclass({0})", DSL.val(hypertable)));
    }

    private static <T> List<T> list(T[] array) {
        return array == null ? List.of() : List.of(array);
    }

    /** Live columns of a relation given as quoted text ({@code "s"."t"}). */
    List<Column> columns(String relation) {
        return dsl.resultQuery(SqlResources.load("columns.sql"), relation).fetch(r -> new Column(
                r.get("column_name", String.class), r.get("column_type", String.class),
                r.get("binary_safe", Boolean.class), r.get("natively_ordered", Boolean.class),
                r.get("has_exact_sum", Boolean.class)));
    }

    /** The slices of the hypertable's existing chunks, as create_chunk JSON text. */
    Set<String> chunkSlices(Hypertable h) {
        return new HashSet<>(dsl.resultQuery(SqlResources.load("chunk-slices.sql", layout), h.id())
                .fetch(r -> r.get(0, String.class)));
    }

    /** Finds or creates the hypertable's chunk with exactly these slices (create_chunk JSON); its quoted name. */
    String createChunk(String hypertable, String slices) {
        return dsl.resultQuery("SELECT c.schema_name, c.table_name "
                        + "FROM {0}.create_chunk(CAST({1} AS regclass), CAST({2} AS jsonb)) AS c",
                DSL.name(layout.functionsSchema()), DSL.val(hypertable), DSL.val(slices))
                .fetchOne(r -> Sql.qualified(r.get("schema_name", String.class), r.get("table_name", String.class)));
    }

    /** Schema and name of an existing relation given as SQL text; empty when there is none. */
    Optional<Relation> relation(String relation) {
        return dsl.resultQuery("SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n "
                        + "ON n.oid = c.relnamespace WHERE c.oid = to_regclass({0})", DSL.val(relation))
                .fetchOptional(r -> new Relation(r.get(0, String.class), r.get(1, String.class)));
    }

    /** A time bound in the hypertable's type: canonical text (for filters) and internal integer (for slices). */
    record TimeBound(String canonical, long internal) {
    }
}
