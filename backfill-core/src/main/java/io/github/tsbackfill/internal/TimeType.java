package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillException;
import io.github.tsbackfill.BackfillException.Kind;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/**
 * The time types a hypertable's time dimension can have, as jOOQ types. A type name read from a catalog or from the
 * task table goes into SQL only through this mapping, never as text: whoever can update {@code __backfill.task}
 * must not be able to make the copier run SQL of their choosing.
 */
final class TimeType {

    private TimeType() {
    }

    static DataType<?> of(String name) {
        return switch (name) {
            case "timestamp with time zone" -> SQLDataType.TIMESTAMPWITHTIMEZONE;
            case "timestamp without time zone" -> SQLDataType.TIMESTAMP;
            case "date" -> SQLDataType.DATE;
            case "smallint" -> SQLDataType.SMALLINT;
            case "integer" -> SQLDataType.INTEGER;
            case "bigint" -> SQLDataType.BIGINT;
            default -> throw new BackfillException(Kind.FAILED, "unsupported time type '" + name + "' (supported: "
                    + "timestamptz, timestamp, date, smallint, integer, bigint)");
        };
    }
}
