package io.github.tsbackfill.internal;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The part of a chunk a task covers: {@code time_column >= from AND time_column < until}, either side optional. */
final class RowFilter {

    private RowFilter() {
    }

    static Condition of(Task task) {
        Condition time = of(task.timeColumn(), task.timeType(), task.copyFrom(), task.copyUntil());
        if (task.spaceColumn() == null) {
            return time;
        }
        // The space slice of a routed task: rows whose partition hash falls in [from, until).
        Field<Long> hash = DSL.function(DSL.name(QuotedNames.split(task.spaceFunction())), Long.class,
                DSL.field(DSL.name(task.spaceColumn())));
        return time.and(hash.ge(task.spaceFrom())).and(hash.lt(task.spaceUntil()));
    }

    static Condition of(String timeColumn, String timeType, String from, String until) {
        Field<Object> column = DSL.field(DSL.name(timeColumn));
        List<Condition> conditions = new ArrayList<>(2);
        if (from != null) {
            conditions.add(column.ge(typed(from, timeType)));
        }
        if (until != null) {
            conditions.add(column.lt(typed(until, timeType)));
        }
        return DSL.and(conditions);
    }

    private static Field<Object> typed(String value, String type) {
        return DSL.field("CAST({0} AS {1})", DSL.val(value), DSL.keyword(type));
    }
}
