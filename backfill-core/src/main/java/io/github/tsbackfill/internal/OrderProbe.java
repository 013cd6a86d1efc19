package io.github.tsbackfill.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * An order-sensitive check of a compressed target chunk, which aggregates cannot make: per segment (the first
 * {@value #SEGMENTS} segmentby values), the orderby values of the first and last {@value #ROWS} rows in the
 * target's orderby. TimescaleDB answers such queries from the compressed batches' order, trusting that it follows
 * the settings; compressed data laid out under other settings then returns other rows than the source, while every
 * count, min, max and sum still agree. Only key values are compared, so ties between rows cannot differ.
 * <p>
 * The target is read as a user's query would read it, trusting its batches' order. The source gives the truth:
 * sorted on expressions the planner cannot match to any claimed order, because older TimescaleDB (2.13, 2.17)
 * returns partially compressed chunks out of order (found by the PostgreSQL 15 differential runs). The segments to
 * probe are chosen that way on both sides.
 */
final class OrderProbe {

    static final int SEGMENTS = 64;
    static final int ROWS = 3;

    private final CompressionSettings settings;

    OrderProbe(CompressionSettings settings) {
        this.settings = settings;
    }

    /**
     * Key values of the probed rows, as text, in probe order; runs inside the caller's transaction.
     *
     * @param trustLayout read in the orderby as is (the target), or sorted without trusting any claimed order
     *                    (the source)
     */
    List<String> compute(DSLContext dsl, String relation, Condition range, boolean trustLayout) {
        // TimescaleDB 2.22.1 loops forever on this query when SkipScan serves its DISTINCT over a compressed chunk
        // (DifferentialIT seed 3668828674). Off for the rest of the transaction, where the GUC exists.
        dsl.resultQuery("SELECT set_config(name, 'off', true) FROM pg_settings "
                + "WHERE name = 'timescaledb.enable_skipscan'").fetch();
        List<String> rows = new ArrayList<>();
        for (boolean reverse : new boolean[] {false, true}) {
            dsl.fetch(query(relation, range, reverse, trustLayout)).forEach(r -> {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < r.size(); i++) {
                    values.add(String.valueOf(r.get(i)));
                }
                rows.add((reverse ? "last " : "first ") + String.join(", ", values));
            });
        }
        return rows;
    }

    /** The first probed row that differs, in words; empty when all agree. */
    static Optional<String> difference(List<String> source, List<String> target) {
        for (int i = 0; i < Math.max(source.size(), target.size()); i++) {
            String s = i < source.size() ? source.get(i) : "(none)";
            String t = i < target.size() ? target.get(i) : "(none)";
            if (!s.equals(t)) {
                return Optional.of("row order (compressed chunk read in the target's orderby): source " + s
                        + ", target " + t);
            }
        }
        return Optional.empty();
    }

    /**
     * The column itself, or the same values through a CASE the planner neither folds nor matches to the column, so
     * that it sorts them instead of trusting an order a scan claims.
     */
    private static Field<Object> sortKey(Field<Object> column, boolean trustLayout) {
        return trustLayout ? column : DSL.when(column.isNotNull().or(column.isNull()), column);
    }

    private org.jooq.Select<?> query(String relation, Condition range, boolean reverse, boolean trustLayout) {
        Table<?> chunk = DSL.table(DSL.name(QuotedNames.split(relation))).as("c");
        List<SortField<Object>> order = new ArrayList<>();
        List<SelectField<?>> keys = new ArrayList<>();
        for (int i = 0; i < settings.orderBy().size(); i++) {
            Field<Object> f = DSL.field(DSL.name("c", settings.orderBy().get(i)));
            boolean desc = settings.orderByDesc().get(i) != reverse;
            boolean nullsFirst = settings.orderByNullsFirst().get(i) != reverse;
            Field<Object> key = sortKey(f, trustLayout);
            SortField<Object> sort = desc ? key.desc() : key.asc();
            order.add(nullsFirst ? sort.nullsFirst() : sort.nullsLast());
            keys.add(f.cast(SQLDataType.CLOB));
        }
        if (settings.segmentBy().isEmpty()) {
            return DSL.select(keys).from(chunk).where(range).orderBy(order).limit(ROWS);
        }
        List<Field<Object>> segment = settings.segmentBy().stream().map(n -> DSL.field(DSL.name(n))).toList();
        // GROUP BY, not DISTINCT: DISTINCT would refuse an ORDER BY on anything but the selected columns.
        Table<?> segments = DSL.select(segment).from(DSL.table(DSL.name(QuotedNames.split(relation))))
                .where(range).groupBy(segment).orderBy(segment.stream().map(f -> sortKey(f, false)).toList())
                .limit(SEGMENTS).asTable("s");
        Condition sameSegment = DSL.and(settings.segmentBy().stream()
                .map(n -> DSL.field(DSL.name("c", n)).eq(DSL.field(DSL.name("s", n)))).toList());
        Table<?> first = DSL.select(keys).from(chunk).where(range).and(sameSegment).orderBy(order).limit(ROWS)
                .asTable("p");
        List<SelectField<?>> out = new ArrayList<>();
        settings.segmentBy().forEach(n -> out.add(DSL.field(DSL.name("s", n)).cast(SQLDataType.CLOB)));
        out.add(DSL.field(DSL.name("p")).cast(SQLDataType.CLOB));
        List<SortField<?>> segmentOrder = new ArrayList<>();
        settings.segmentBy().forEach(n -> segmentOrder.add(DSL.field(DSL.name("s", n)).asc()));
        return DSL.select(out).from(segments).crossJoin(DSL.lateral(first)).orderBy(segmentOrder);
    }
}
