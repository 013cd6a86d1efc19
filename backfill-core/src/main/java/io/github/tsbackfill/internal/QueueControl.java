package io.github.tsbackfill.internal;

import io.github.tsbackfill.ControlRequest;
import io.github.tsbackfill.ControlSettings;
import io.github.tsbackfill.WorkerStatus;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/** The operator's side of {@link RunControl}: the queue's control settings and the live workers, on the target. */
final class QueueControl {

    private final DSLContext dsl;

    QueueControl(Connection target) {
        this.dsl = Sql.dsl(target);
    }

    ControlSettings apply(ControlRequest request) {
        Record r = dsl.resultQuery(SqlResources.load("control.sql"), request.paused(), request.parallelism(),
                request.parallelism(), request.maxRate(), request.maxRate()).fetchOne();
        if (r == null) {
            throw new IllegalStateException("__backfill.control has no row");
        }
        return settings(r);
    }

    ControlSettings settings() {
        return dsl.resultQuery("SELECT paused, parallelism, max_rate, updated FROM __backfill.control")
                .fetchOptional(QueueControl::settings)
                .orElse(new ControlSettings(false, null, null, null));
    }

    List<WorkerStatus> workers() {
        return dsl.resultQuery(SqlResources.load("workers.sql")).fetch(r -> new WorkerStatus(
                r.get("worker", String.class), r.get("job", String.class), r.get("chunk", String.class),
                r.get("task_started", OffsetDateTime.class), r.get("bytes", Long.class),
                r.get("bytes_per_second", Double.class),
                Duration.ofMillis(Math.round(r.get("idle_seconds", Double.class) * 1000))));
    }

    private static ControlSettings settings(Record r) {
        return new ControlSettings(r.get("paused", Boolean.class), r.get("parallelism", Integer.class),
                r.get("max_rate", Long.class), r.get("updated", OffsetDateTime.class));
    }
}
