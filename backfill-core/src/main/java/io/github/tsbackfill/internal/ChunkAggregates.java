package io.github.tsbackfill.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The figures verify compares for one chunk, computed in one query on each side: row count, and per column count,
 * min and max, and sum for exact numeric types; optionally an order-independent hash of every row's text form.
 * Min and max are taken of the values where values that compare equal always print the same, and of the text form
 * ("C" collation) for every other type: 1.0 and 1.00, or '1 day' and '24 hours', compare equal, so which one a
 * native min() returns depends on scan order; the min of their text does not, and every type has a text form.
 * Columns are taken in name order so both sides line up whatever their attribute order.
 */
final class ChunkAggregates {

    private final List<String> labels = new ArrayList<>();
    private final List<SelectField<?>> select = new ArrayList<>();

    ChunkAggregates(List<Column> columns, boolean deep) {
        List<Column> sorted = columns.stream().sorted(Comparator.comparing(Column::name)).toList();
        add("row count", DSL.count());
        for (Column c : sorted) {
            Field<Object> f = DSL.field(DSL.name(c.name()));
            add("column " + c.name() + ": count", DSL.count(f));
            Field<?> ordered = c.nativelyOrdered() ? f : f.cast(SQLDataType.CLOB).collate(DSL.collation(DSL.name("C")));
            String suffix = c.nativelyOrdered() ? "" : " (as text)";
            add("column " + c.name() + ": min" + suffix, text(DSL.min(ordered)));
            add("column " + c.name() + ": max" + suffix, text(DSL.max(ordered)));
            if (c.hasExactSum()) {
                add("column " + c.name() + ": sum", DSL.field("sum({0})::text", String.class, f));
            }
        }
        if (deep) {
            List<Field<Object>> all = sorted.stream().map(c -> DSL.field(DSL.name(c.name()))).toList();
            add("row content hash", DSL.field("sum(('x' || substr(md5(ROW({0})::text), 1, 15))::bit(60)::bigint)::text",
                    String.class, DSL.list(all)));
        }
    }

    private void add(String label, Field<?> field) {
        labels.add(label);
        select.add(field);
    }

    private static Field<String> text(Field<?> field) {
        return DSL.field("{0}::text", String.class, field);
    }

    List<String> compute(DSLContext dsl, String relation, Condition range) {
        Record r = dsl.select(select).from(DSL.table(DSL.name(QuotedNames.split(relation)))).where(range).fetchOne();
        List<String> values = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            Object v = r.get(i);
            values.add(v == null ? null : v.toString());
        }
        return values;
    }

    /** Every figure that differs, with both values. */
    List<String> differences(List<String> source, List<String> target) {
        List<String> details = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (!java.util.Objects.equals(source.get(i), target.get(i))) {
                details.add(labels.get(i) + ": source " + source.get(i) + ", target " + target.get(i));
            }
        }
        return details;
    }
}
