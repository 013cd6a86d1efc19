package io.github.tsbackfill.internal;

import java.util.ArrayList;
import io.github.tsbackfill.BackfillException;
import io.github.tsbackfill.BackfillException.Kind;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The part of a chunk a task covers: {@code time_column >= from AND time_column < until}, either side optional. */
final class RowFilter {

    /** The functions a task may name for its second slice (a task row is data, not code). */
    private static final Set<String> SLICE_FUNCTIONS = Set.of("_timescaledb_functions.get_partition_hash",
            "_timescaledb_internal.get_partition_hash", "_timescaledb_functions.time_to_internal");

    private RowFilter() {
    }

    static Condition of(Task task) {
        Condition time = of(task.timeColumn(), task.timeType(), task.copyFrom(), task.copyUntil());
        if (task.spaceColumn() == null) {
            return time;
        }
        // The second slice of a routed task: rows whose partition hash (or internal value) falls in [from, until).
        if (!SLICE_FUNCTIONS.contains(task.spaceFunction())) {
            throw new BackfillException(Kind.FAILED, "task " + task.priority() + " partitions by "
                    + task.spaceFunction() + "; routed copies support TimescaleDB's own hash and range partitioning only");
        }
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

    private static Field<?> typed(String value, String type) {
        return DSL.cast(DSL.val(value), TimeType.of(type));
    }
}
