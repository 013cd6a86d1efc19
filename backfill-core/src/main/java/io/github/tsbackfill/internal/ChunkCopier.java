package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillException;
import io.github.tsbackfill.BackfillException.Kind;
import io.github.tsbackfill.BackfillListener;
import io.github.tsbackfill.CopyMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one task's chunk inside the caller's transactions (source: repeatable read; target: the one that holds
 * the task lock). Uncompressed rows stream as binary COPY; a compressed chunk travels as its compressed relation's
 * rows, never decompressed. Idempotent: the target's rows in the task's range are removed first.
 */
final class ChunkCopier {

    private static final Logger log = LoggerFactory.getLogger(ChunkCopier.class);

    private final Connection source;
    private final Connection target;
    private final CatalogReader sourceCatalog;
    private final CatalogReader targetCatalog;
    private final BackfillListener listener;
    private final Worker worker;
    private final boolean freeze;

    /**
     * {@code worker}: whose sending is counted and throttled; {@code freeze}: whole chunks copied as rows are
     * emptied with TRUNCATE and filled with COPY FREEZE.
     */
    ChunkCopier(Connection source, Connection target, Pools pools, BackfillListener listener, Worker worker,
                boolean freeze) {
        this.source = source;
        this.target = target;
        this.sourceCatalog = pools.sourceCatalog(source);
        this.targetCatalog = pools.targetCatalog(target);
        this.listener = listener;
        this.worker = worker;
        this.freeze = freeze;
    }

    /**
     * What was moved and how: rows and bytes sent, the target's rows the copy replaced (removed from the task's
     * range first), and why the mode was chosen where it is not the obvious one.
     */
    record Copied(long rows, long bytes, long replaced, CopyMode mode, String reason) {
    }

    /** Copies the task's chunk, whose state the caller read on the source connection. */
    Copied copy(Task task, ChunkState sourceState) throws SQLException {
        List<Column> columns = sourceCatalog.columns(task.sourceChunk());
        if (task.routed()) {
            return copyRows(task, columns, CopyPlan.decide(situation(task, sourceState)), removeTargetRows(task), false);
        }
        Relation targetChunk = targetCatalog.relation(task.targetChunk()).orElseThrow(() -> new BackfillException(
                Kind.FAILED, "target chunk " + task.targetChunk() + " was dropped during the copy: run copy again"));
        ChunkState targetState = targetCatalog.chunkState(targetChunk.schema(), targetChunk.name()).orElseThrow();
        if (!targetCatalog.layout().refreshCanForce()) {
            return copyInto(task, columns, sourceState, targetState);
        }
        CaggInvalidations invalidations = CaggInvalidations.suspend(targetCatalog.dsl(), task.targetChunk());
        Copied copied = copyInto(task, columns, sourceState, targetState);
        invalidations.resume();
        return copied;
    }

    private CopyPlan.Situation situation(Task task, ChunkState sourceState) {
        boolean targetCompresses = !task.routed() && sourceState.compressed()
                && targetCatalog.compressionEnabled(task.hypertable());
        boolean targetCaggs = targetCompresses && !targetCatalog.layout().refreshCanForce()
                && targetCatalog.hasContinuousAggregates(task.hypertable());
        return new CopyPlan.Situation(task.routed(), task.filtered(), sourceState, sourceCatalog.layout(),
                targetCatalog.layout(), targetCompresses, targetCaggs);
    }

    private Copied copyInto(Task task, List<Column> columns, ChunkState sourceState, ChunkState targetState)
            throws SQLException {
        if (targetState.compressed()) {
            // Start from a plain, empty chunk: an earlier copy may have filled it, and only an uncompressed chunk
            // lets every later step (delete, copy, compress) behave the same on every version.
            decompress(task.targetChunk());
        }
        CopyPlan plan = CopyPlan.decide(situation(task, sourceState));
        boolean frozen = freeze && canFreeze(task, plan);
        long replaced = frozen ? emptyTargetChunk(task) : removeTargetRows(task);
        if (plan.mode() == CopyMode.COMPRESSED) {
            return copyCompressed(task, columns, sourceState, replaced);
        }
        return copyRows(task, columns, plan, replaced, frozen);
    }

    /**
     * Streams the rows in the task's range; {@code replaced}: the target rows removed from that range before;
     * {@code frozen}: the chunk was emptied by TRUNCATE in this transaction, so COPY may write its rows frozen.
     */
    private Copied copyRows(Task task, List<Column> columns, CopyPlan plan, long replaced, boolean frozen)
            throws SQLException {
        if (plan.reason() != null) {
            log.info("{}: {}", task.chunkDisplay(), plan.reason());
        }
        CopyPipe.Streamed streamed = CopyPipe.pipe(source, copyOut(DSL.table(parse(task.sourceChunk())), columns,
                        RowFilter.of(task)), target, copyIn(rowsInto(task), columns, frozen), task.chunkDisplay(),
                listener, worker);
        if (plan.mode() == CopyMode.RECOMPRESSED) {
            compress(task.targetChunk());
        }
        return new Copied(streamed.rows(), streamed.bytes(), replaced, plan.mode(), plan.reason());
    }

    /**
     * Where rows for the task's chunk are written: the chunk itself, or its hypertable (which routes them into that
     * chunk) when the two number their columns differently, e.g. a chunk created after a column was dropped from
     * the hypertable. TimescaleDB 2.29 maps rows written straight into such a chunk by the hypertable's column
     * numbers, which puts values into the wrong columns.
     */
    private String rowsInto(Task task) {
        if (task.routed() || targetCatalog.sameAttributeNumbers(task.targetChunk(), task.hypertable())) {
            return task.targetChunk();
        }
        return task.hypertable();
    }

    /**
     * COPY FREEZE needs the very relation it writes emptied by TRUNCATE in the same transaction: a whole chunk
     * (no row filter) written as rows into the chunk itself. Not with continuous aggregates on the target, whose
     * invalidation log would record the truncated chunk's whole range.
     */
    private boolean canFreeze(Task task, CopyPlan plan) {
        String why = !targetCatalog.layout().chunkCopyCanFreeze()
                ? "TimescaleDB " + targetCatalog.layout().version() + " ignores FREEZE in a COPY into a chunk"
                : plan.mode() != CopyMode.ROWS ? "its rows are compressed on the target"
                : task.filtered() ? "only part of it is copied"
                : !rowsInto(task).equals(task.targetChunk()) ? "its rows go through the hypertable"
                : targetCatalog.hasContinuousAggregates(task.hypertable()) ? "its hypertable has continuous aggregates"
                : null;
        if (why != null) {
            log.debug("{}: copied without FREEZE: {}", task.chunkDisplay(), why);
        }
        return why == null;
    }

    /** Empties the whole target chunk with TRUNCATE (which COPY FREEZE requires); how many rows it had. */
    private long emptyTargetChunk(Task task) {
        Table<?> chunk = DSL.table(parse(task.targetChunk()));
        long rows = targetCatalog.dsl().fetchCount(chunk);
        targetCatalog.dsl().truncate(chunk).execute();
        return rows;
    }

    /** Removes the target's rows in the task's range (what makes a re-run idempotent); how many there were. */
    private long removeTargetRows(Task task) {
        return targetCatalog.dsl().deleteFrom(DSL.table(parse(task.targetChunk()))).where(RowFilter.of(task)).execute();
    }

    private Copied copyCompressed(Task task, List<Column> columns, ChunkState sourceState, long replaced)
            throws SQLException {
        DSLContext t = targetCatalog.dsl();
        t.execute("SAVEPOINT backfill_compressed");
        compress(task.targetChunk());
        Relation targetChunk = targetCatalog.relation(task.targetChunk()).orElseThrow();
        ChunkState targetState = targetCatalog.chunkState(targetChunk.schema(), targetChunk.name()).orElseThrow();
        List<Column> compressedColumns = sourceCatalog.columns(sourceState.compressedRelation());
        CopyPlan plan = CopyPlan.confirm(sourceCatalog.compressionSettings(task.sourceChunk(), sourceState),
                targetCatalog.compressionSettings(task.targetChunk(), targetState).orElseThrow(),
                compressedColumns, targetCatalog.columns(targetState.compressedRelation()));
        if (plan.mode() != CopyMode.COMPRESSED) {
            t.execute("ROLLBACK TO SAVEPOINT backfill_compressed");
            return copyRows(task, columns, plan, replaced, false);
        }
        t.execute("RELEASE SAVEPOINT backfill_compressed");
        CopyPipe.Streamed compressed = CopyPipe.pipe(source,
                copyOut(DSL.table(parse(sourceState.compressedRelation())), compressedColumns, DSL.noCondition()),
                target, copyIn(targetState.compressedRelation(), compressedColumns, false), task.chunkDisplay(), listener, worker);
        long rows = t.select(DSL.coalesce(DSL.sum(DSL.field(DSL.name("_ts_meta_count"), Long.class)), 0))
                .from(DSL.table(parse(targetState.compressedRelation()))).fetchOne(0, Long.class);
        long bytes = compressed.bytes();
        if (sourceState.partial()) {
            // Rows inserted after compression live in the chunk's heap. Copied through the hypertable so the target
            // marks its chunk partially compressed (a COPY straight into the chunk does not on older versions).
            CopyPipe.Streamed heap = CopyPipe.pipe(source, copyOut(only(task.sourceChunk()), columns, DSL.noCondition()),
                    target, copyIn(task.hypertable(), columns, false), task.chunkDisplay(), listener, worker);
            rows += heap.rows();
            bytes += heap.bytes();
        }
        return new Copied(rows, bytes, replaced, CopyMode.COMPRESSED, null);
    }

    private void compress(String chunk) {
        targetCatalog.dsl().resultQuery("SELECT compress_chunk(CAST({0} AS regclass))", DSL.val(chunk)).fetch();
    }

    private void decompress(String chunk) {
        targetCatalog.dsl().resultQuery("SELECT decompress_chunk(CAST({0} AS regclass))", DSL.val(chunk)).fetch();
    }

    private static String copyOut(Table<?> from, List<Column> columns, Condition range) {
        String select = Sql.render(DSL.select(fields(columns)).from(from).where(range));
        return "COPY (" + select + ") TO STDOUT (FORMAT " + format(columns) + ")";
    }

    private static String copyIn(String relation, List<Column> columns, boolean frozen) {
        String list = fields(columns).stream().map(Sql::render).collect(Collectors.joining(", "));
        return "COPY " + relation + " (" + list + ") FROM STDIN (FORMAT " + format(columns) + (frozen ? ", FREEZE" : "")
                + ")";
    }

    /** Binary when every column allows it; text otherwise (types without binary I/O, arrays of user types). */
    private static String format(List<Column> columns) {
        return columns.stream().allMatch(Column::binarySafe) ? "binary" : "text";
    }

    private static List<Field<Object>> fields(List<Column> columns) {
        return columns.stream().map(c -> DSL.field(DSL.name(c.name()))).toList();
    }

    private static Table<?> only(String quotedRelation) {
        return DSL.table("ONLY {0}", DSL.table(parse(quotedRelation)));
    }

    /** A relation name we rendered ourselves (always quoted) back into a jOOQ name. */
    private static org.jooq.Name parse(String quotedRelation) {
        return DSL.name(QuotedNames.split(quotedRelation));
    }
}
