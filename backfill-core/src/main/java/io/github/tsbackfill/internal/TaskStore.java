package io.github.tsbackfill.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.tsbackfill.BackfillException;
import io.github.tsbackfill.BackfillException.Kind;
import io.github.tsbackfill.CleanResult;
import io.github.tsbackfill.PausedPolicy;
import io.github.tsbackfill.Recopy;
import io.github.tsbackfill.StatusResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The task queue in the target's {@code __backfill} schema. All methods run on the caller's connection. */
final class TaskStore {

    static final int LAYOUT = 1;

    /** {@code copy_mode} of a task whose source chunk was gone: done, with nothing to verify. */
    static final String SKIPPED = "skipped";

    /** Copied tasks that verify has yet to check. */
    private static final String UNVERIFIED = "worked IS NOT NULL AND verified IS NULL AND copy_mode IS DISTINCT FROM '"
            + SKIPPED + "'";

    private final Connection target;
    private final DSLContext dsl;

    TaskStore(Connection target) {
        this.target = target;
        this.dsl = Sql.dsl(target);
    }

    /** Creates the schema if needed; refuses a {@code __backfill} left by an incompatible version. */
    void create() {
        Optional<Integer> layout = layout();
        if (layout.isPresent()) {
            requireCompatible(layout.get());
            upgrade();
            return;
        }
        dsl.execute(SqlResources.load("task-schema.sql"));
        requireCompatible(layout().orElse(LAYOUT));
    }

    /** Whether {@code __backfill} exists (of any layout). */
    boolean staged() {
        return layout().isPresent();
    }

    /** Throws PRECONDITION unless {@code __backfill} exists with this layout; adds columns this version needs. */
    void requireStaged() {
        requireCompatible(layout().orElseThrow(() -> new BackfillException(Kind.PRECONDITION,
                "nothing is staged on the target (no __backfill schema): run 'stage' first")));
        upgrade();
    }

    /**
     * Adds the columns later versions of layout 1 gained, only when missing: ALTER TABLE would otherwise queue
     * behind every running copy's lock on the task table.
     */
    private void upgrade() {
        Integer missing = Sql.value(dsl, Integer.class, "SELECT count(*) FROM (VALUES ('task', 'copy_note'), "
                + "('task', 'rows_replaced'), ('task', 'routed'), ('task', 'claimed_by'), ('meta', 'source_database'), "
                + "('control', 'max_rate'), ('worker', 'seen'), ('live_worker', 'seen'), ('paused_job', 'object')) "
                + "AS w(t, c) WHERE NOT EXISTS (SELECT 1 "
                + "FROM pg_attribute a WHERE a.attrelid = to_regclass('__backfill.' || w.t) AND a.attname = w.c "
                + "AND NOT a.attisdropped)");
        if (missing != null && missing > 0) {
            dsl.execute(SqlResources.load("task-schema.sql"));
        }
    }

    /**
     * Ties the queue to the source it was staged from: records {@code source} the first time (when asked to), and throws
     * PRECONDITION when the queue was staged from another database.
     */
    void requireSource(SourceIdentity source, boolean record) {
        if (layout().isEmpty()) {
            return;
        }
        Record r = dsl.resultQuery("SELECT source_system_identifier, source_database FROM __backfill.meta").fetchOne();
        String system = r == null ? null : r.get(0, String.class);
        if (system == null) {
            if (!record) {
                return;
            }
            dsl.execute("UPDATE __backfill.meta SET source_system_identifier = {0}, source_database = {1} "
                    + "WHERE source_system_identifier IS NULL", DSL.val(source.systemIdentifier()),
                    DSL.val(source.database()));
            return;
        }
        SourceIdentity staged = new SourceIdentity(system, r.get(1, String.class));
        if (!staged.equals(source)) {
            throw new BackfillException(Kind.PRECONDITION, "the tasks on the target were staged from " + staged
                    + ", not from this --source (" + source + "): point --source at that database, or run 'clean' "
                    + "and stage again");
        }
    }

    /** Throws PRECONDITION when this session cannot update the tasks: a read-only target or missing privileges. */
    void requireWritable() {
        Record r = dsl.resultQuery("SELECT current_setting('transaction_read_only') = 'on' AS read_only, "
                + "has_table_privilege('__backfill.task', 'SELECT, UPDATE') AS can_update").fetchOne();
        if (r.get("read_only", Boolean.class)) {
            throw new BackfillException(Kind.PRECONDITION, Errors.READ_ONLY);
        }
        if (!r.get("can_update", Boolean.class)) {
            throw new BackfillException(Kind.PRECONDITION, "permission denied for table __backfill.task ("
                    + Errors.PRIVILEGES + ")");
        }
    }

    private Optional<Integer> layout() {
        if (dsl.fetchValue("SELECT to_regclass('__backfill.task')") == null) {
            return Optional.empty();
        }
        if (dsl.fetchValue("SELECT to_regclass('__backfill.meta')") == null) {
            return Optional.of(0);
        }
        return Optional.ofNullable(Sql.value(dsl, Integer.class, "SELECT layout FROM __backfill.meta"));
    }

    private static void requireCompatible(int layout) {
        if (layout != LAYOUT) {
            throw new BackfillException(Kind.PRECONDITION, "the target's __backfill schema has layout " + layout
                    + ", this version needs " + LAYOUT + ": finish that backfill with the tool that staged it, "
                    + "or run 'clean' and stage again");
        }
    }

    /**
     * What {@link #insert} would count for these chunks, read without writing (the rule of insert-tasks.sql: a
     * staged chunk is widened when the new range reaches further on either side).
     */
    StageCounts wouldInsert(List<StagedChunk> chunks) {
        if (chunks.isEmpty() || layout().isEmpty()) {
            return new StageCounts(chunks.size(), 0);
        }
        Map<String, Record> staged = new HashMap<>();
        dsl.resultQuery(SqlResources.load("staged-ranges.sql"),
                        chunks.stream().map(c -> c.source().schema()).toArray(String[]::new),
                        chunks.stream().map(c -> c.source().name()).toArray(String[]::new))
                .forEach(r -> staged.put(r.get("chunk_schema", String.class) + "." + r.get("chunk_name", String.class), r));
        int inserted = 0;
        int widened = 0;
        for (StagedChunk c : chunks) {
            Record old = staged.get(c.source().schema() + "." + c.source().name());
            if (old == null) {
                inserted++;
                continue;
            }
            Long oldFrom = old.get("from_internal", Long.class);
            Long oldUntil = old.get("until_internal", Long.class);
            Long from = c.from() == null ? null : c.from().internal();
            Long until = c.until() == null ? null : c.until().internal();
            if ((oldFrom != null && (from == null || from < oldFrom)) || (oldUntil != null && (until == null || until > oldUntil))) {
                widened++;
            }
        }
        return new StageCounts(inserted, widened);
    }

    /** Inserts or widens tasks for the given chunks; returns how many rows were inserted and widened. */
    StageCounts insert(List<StagedChunk> chunks) {
        if (chunks.isEmpty()) {
            return new StageCounts(0, 0);
        }
        List<NewTask> rows = chunks.stream().map(NewTask::of).toList();
        int inserted = 0;
        int widened = 0;
        for (Record r : dsl.resultQuery(SqlResources.load("insert-tasks.sql"), Recordset.of(rows)).fetch()) {
            if (r.get(0, Boolean.class)) {
                inserted++;
            } else {
                widened++;
            }
        }
        return new StageCounts(inserted, widened);
    }

    /** Locks and returns the next task to copy, or empty when none is left for this worker. */
    Optional<Task> claimCopy(Collection<Long> skip) {
        return claim(true, skip);
    }

    /** Locks and returns the next copied, unverified task, or empty when none is left for this worker. */
    Optional<Task> claimVerify(Collection<Long> skip) {
        return claim(false, skip);
    }

    /**
     * Locks this task again if it is still pending and no other worker holds it, and returns it as it is now: a
     * stage may have widened its range while it was not locked.
     */
    Optional<Task> claimPending(long priority) {
        return dsl.resultQuery(SqlResources.load("claim-task.sql"), true, new Long[0], priority)
                .fetchOptional(TaskStore::task);
    }

    void setTargetChunk(long priority, String targetChunk) {
        dsl.execute("UPDATE __backfill.task SET target_chunk = {0} WHERE priority = {1}", DSL.val(targetChunk),
                DSL.val(priority));
    }

    private Optional<Task> claim(boolean copy, Collection<Long> skip) {
        return dsl.resultQuery(SqlResources.load("claim-task.sql"), copy, skip.toArray(Long[]::new),
                DSL.val(null, Long.class))
                .fetchOptional(TaskStore::task);
    }

    private static Task task(Record r) {
        return new Task(r.get("priority", Long.class), r.get("hypertable_schema", String.class),
                r.get("hypertable_name", String.class), r.get("chunk_schema", String.class),
                r.get("chunk_name", String.class), r.get("routed", Boolean.class), r.get("target_chunk", String.class),
                r.get("dimensions", String.class),
                r.get("time_column", String.class), r.get("time_type", String.class),
                r.get("copy_from", String.class), r.get("copy_until", String.class),
                r.get("space_column", String.class), r.get("space_function", String.class),
                r.get("space_from", Long.class), r.get("space_until", Long.class),
                r.get("snapshot", String.class));
    }

    int pending() {
        return Sql.value(dsl, Integer.class, "SELECT count(*) FROM __backfill.task WHERE worked IS NULL");
    }

    /** Copied tasks not verified since their copy. */
    int unverified() {
        return Sql.value(dsl, Integer.class,
                "SELECT count(*) FROM __backfill.task WHERE " + UNVERIFIED);
    }

    void markCopied(long priority, Worker worker, ChunkCopier.Copied copied) {
        markWorked(priority, worker, copied.rows(), copied.bytes(), copied.replaced(),
                copied.mode().name().toLowerCase(Locale.ROOT), copied.reason());
    }

    /** Done without copying: the source chunk is gone. Verify passes over it; status counts it as skipped. */
    void markSkipped(long priority, Worker worker, String reason) {
        markWorked(priority, worker, 0, 0, 0, SKIPPED, reason);
    }

    private void markWorked(long priority, Worker worker, long rows, long bytes, long replaced, String mode,
                            String note) {
        dsl.execute("UPDATE __backfill.task SET worked = tstzrange({0}, greatest({0}, clock_timestamp()), '[]'), "
                        + "rows_copied = {1}, bytes_copied = {2}, rows_replaced = {3}, copy_mode = {4}, copy_note = {5}, "
                        + "copy_message = NULL, attempts = attempts + 1, verified = NULL, verify_ok = NULL, "
                        + "verify_message = NULL, claimed_by = {7}, claimed_at = {0} WHERE priority = {6}",
                DSL.val(worker.started()), DSL.val(rows), DSL.val(bytes), DSL.val(replaced), DSL.val(mode),
                DSL.val(note), DSL.val(priority), DSL.val(worker.id()));
    }

    /**
     * Makes tasks pending again so the next copy copies them anew (and verify then checks them again): those verify
     * found different, those with a copy error or skipped, or all. Returns how many.
     */
    int recopy(Recopy which) {
        Condition selected = switch (which) {
            case MISMATCHED -> DSL.field(DSL.name("verify_ok")).isFalse();
            case FAILED -> DSL.field(DSL.name("copy_message")).isNotNull()
                    .or(DSL.field(DSL.name("copy_mode")).eq(SKIPPED));
            case ALL -> DSL.noCondition();
            case NONE -> DSL.falseCondition();
        };
        return dsl.update(DSL.table(DSL.name("__backfill", "task")))
                .set(DSL.field(DSL.name("worked")), (Object) null)
                .set(DSL.field(DSL.name("verified")), (Object) null)
                .set(DSL.field(DSL.name("verify_ok")), (Object) null)
                .set(DSL.field(DSL.name("verify_message")), (Object) null)
                .where(selected)
                .execute();
    }

    void markVerified(long priority, OffsetDateTime started, boolean ok, String message) {
        dsl.execute("UPDATE __backfill.task SET verified = tstzrange({0}, greatest({0}, clock_timestamp()), '[]'), verify_ok = {1}, "
                + "verify_message = {2} WHERE priority = {3}", DSL.val(started), DSL.val(ok), DSL.val(message),
                DSL.val(priority));
    }

    /** Forgets earlier verification results so every copied chunk is verified again. */
    void resetVerification() {
        dsl.execute("UPDATE __backfill.task SET verified = NULL, verify_ok = NULL, verify_message = NULL "
                + "WHERE verified IS NOT NULL");
    }

    /** Per-hypertable progress, the throughput so far and the time left at that pace; with the queue's control. */
    StatusResult status(io.github.tsbackfill.ControlSettings control, List<io.github.tsbackfill.WorkerStatus> workers,
                        List<PausedPolicy> pausedPolicies) {
        List<StatusResult.HypertableStatus> hypertables = dsl.resultQuery(SqlResources.load("task-status.sql"))
                .fetch(r -> new StatusResult.HypertableStatus(r.get("hypertable", String.class),
                        r.get("chunks", Integer.class), r.get("copied", Integer.class), r.get("verified", Integer.class),
                        r.get("failed", Integer.class), r.get("mismatched", Integer.class),
                        r.get("skipped", Integer.class), r.get("rows_copied", Long.class),
                        r.get("bytes_copied", Long.class), r.get("rows_replaced", Long.class),
                        r.get("est_bytes", Long.class), r.get("est_bytes_left", Long.class)));
        Record pace = dsl.resultQuery(SqlResources.load("task-throughput.sql")).fetchOne();
        double seconds = pace.get("active_seconds", Double.class);
        long done = pace.get("est_bytes_done", Long.class);
        long left = hypertables.stream().mapToLong(StatusResult.HypertableStatus::estimatedBytesLeft).sum();
        Duration eta = seconds > 0 && done > 0 ? Duration.ofMillis(Math.round(left * seconds * 1000 / done)) : null;
        return new StatusResult(hypertables, seconds > 0 ? pace.get("bytes_sent", Long.class) / seconds : 0, eta,
                control, workers, pausedPolicies);
    }

    /** Verification state of the whole queue. */
    VerifyState verifyState() {
        // Unverified: copied, not verified, and not held by another verify process still working on it.
        org.jooq.Record r = dsl.resultQuery("SELECT count(*) FILTER (WHERE verify_ok) AS matching, "
                + "count(*) FILTER (WHERE worked IS NULL) AS not_copied, (SELECT count(*) FROM (SELECT 1 "
                + "FROM __backfill.task WHERE " + UNVERIFIED + " FOR UPDATE SKIP LOCKED) u) AS unverified "
                + "FROM __backfill.task").fetchOne();
        List<VerifyState.Differing> differing = dsl.resultQuery("SELECT hypertable_schema || '.' || hypertable_name, "
                        + "chunk_schema || '.' || chunk_name, verify_message FROM __backfill.task "
                        + "WHERE verify_ok = false ORDER BY priority")
                .fetch(x -> new VerifyState.Differing(x.get(0, String.class), x.get(1, String.class),
                        x.get(2, String.class)));
        return new VerifyState(r.get("matching", Integer.class), r.get("not_copied", Integer.class),
                r.get("unverified", Integer.class), differing);
    }

    record VerifyState(int matching, int notCopied, int unverified, List<Differing> differing) {
        record Differing(String hypertable, String chunk, String message) {
        }
    }

    void markFailed(long priority, Worker worker, String message) {
        dsl.execute("UPDATE __backfill.task SET copy_message = {0}, attempts = attempts + 1, claimed_by = {2}, "
                + "claimed_at = {3} WHERE priority = {1} AND worked IS NULL", DSL.val(message), DSL.val(priority),
                DSL.val(worker.id()), DSL.val(worker.started()));
    }

    /**
     * Drops {@code __backfill} after resuming the policies paused for the backfill; refuses while another session
     * holds locks on the task table (a running copy).
     */
    CleanResult drop() throws SQLException {
        if (layout().isEmpty() && dsl.fetchValue("SELECT to_regnamespace('__backfill')") == null) {
            return new CleanResult(false, List.of());
        }
        Integer holders = Sql.value(dsl, Integer.class, "SELECT count(DISTINCT pid) FROM pg_locks WHERE pid <> pg_backend_pid() "
                + "AND relation = to_regclass('__backfill.task')");
        if (holders != null && holders > 0) {
            throw new BackfillException(Kind.PRECONDITION, holders + " session(s) are working on __backfill.task "
                    + "(a copy or verify is running): stop them before 'clean'");
        }
        List<PausedPolicy> resumed = new PausedPolicies(target).resume();
        dsl.execute("SET lock_timeout = '5s'");
        dsl.execute("DROP SCHEMA __backfill CASCADE");
        dsl.execute("RESET lock_timeout");
        return new CleanResult(true, resumed);
    }

    /** How an insert went: new tasks, and existing tasks whose range grew (pending again). */
    record StageCounts(int inserted, int widened) {
    }

    /**
     * A chunk that stage decided to record, with its row bounds (null: the chunk's edge); {@code routed}: its rows
     * go through the target hypertable, which is then the task's target, instead of into a target chunk.
     */
    record StagedChunk(SourceChunk source, Hypertable targetHypertable, boolean routed, CatalogReader.TimeBound from,
                       CatalogReader.TimeBound until, String snapshot) {

        /** Routed rows of a space-partitioned chunk are bounded by its space slice too. */
        boolean space() {
            return routed && source.spaceStart() != null;
        }

        /** The chunk's estimates, scaled to the share of its time slice in range. */
        Estimate estimate() {
            double share = source.share(from == null ? null : from.internal(), until == null ? null : until.internal());
            return new Estimate(Math.round(source.estimatedRows() * share), Math.round(source.estimatedBytes() * share));
        }
    }

    record Estimate(long rows, long bytes) {
    }

    /**
     * A task row as {@code insert-tasks.sql} reads it: each value named by its column, so none can land in another's
     * place.
     */
    record NewTask(String hypertableSchema, String hypertableName, String chunkSchema, String chunkName,
                   boolean routed, String targetChunk, JsonNode dimensions, String timeColumn, String timeType,
                   String copyFrom, String copyUntil, Long fromInternal, Long untilInternal, String spaceColumn,
                   String spaceFunction, Long spaceFrom, Long spaceUntil, String snapshot, long estRows,
                   long estBytes) {

        static NewTask of(StagedChunk c) {
            Hypertable h = c.source().hypertable();
            boolean space = c.space();
            Estimate estimate = c.estimate();
            try {
                return new NewTask(c.targetHypertable().schema(), c.targetHypertable().name(), c.source().schema(),
                        c.source().name(), c.routed(), c.routed() ? c.targetHypertable().qualified() : null,
                        Recordset.tree(c.source().slices()), h.timeColumn(), h.timeType(),
                        c.from() == null ? null : c.from().canonical(), c.until() == null ? null : c.until().canonical(),
                        c.from() == null ? null : c.from().internal(), c.until() == null ? null : c.until().internal(),
                        space ? h.spaceColumn() : null, space ? h.spaceFunction() : null,
                        space ? c.source().spaceStart() : null, space ? c.source().spaceEnd() : null, c.snapshot(),
                        estimate.rows(), estimate.bytes());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the catalog gave slices that are not JSON: " + c.source().slices(), e);
            }
        }
    }

}
