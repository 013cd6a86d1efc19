package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillEvent;
import io.github.tsbackfill.BackfillListener;
import io.github.tsbackfill.InvalidConfigurationException;
import io.github.tsbackfill.StageRequest;
import io.github.tsbackfill.StageResult;
import io.github.tsbackfill.StageResult.HypertableStage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the source chunks to copy and records one task per chunk in the target, with the chunk's slices: copy
 * creates the matching target chunk when it fills it, so stage holds no lock per chunk and takes under two
 * seconds for 10,000 chunks. Each hypertable is staged in its own target transaction: one that cannot be staged is
 * reported and the others go on.
 */
public final class Stager {

    private static final Logger log = LoggerFactory.getLogger(Stager.class);

    private final Pools pools;
    private final BackfillListener listener;

    public Stager(Pools pools, BackfillListener listener) {
        this.pools = pools;
        this.listener = listener;
    }

    /** The names --filter matches on the source: user hypertables and continuous aggregates. */
    public List<String> matchable() {
        try (Connection source = pools.source()) {
            return pools.sourceCatalog(source).hypertables(null).stream().map(Hypertable::display).toList();
        } catch (SQLException e) {
            throw Errors.failed("list hypertables", e);
        }
    }

    public StageResult stage(StageRequest request) {
        try (Connection source = pools.source(); Connection target = pools.target()) {
            SameDatabase.refuse(source, target);
            source.setAutoCommit(false);
            source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            source.setReadOnly(true);
            if (request.snapshot() != null) {
                Snapshots.use(source, request.snapshot());
            }
            CatalogReader sourceCatalog = pools.sourceCatalog(source);
            CatalogReader targetCatalog = pools.targetCatalog(target);
            List<Hypertable> matched = sourceCatalog.hypertables(request.filter(), request.cascadeUp(),
                    request.cascadeDown());
            if (matched.isEmpty()) {
                throw new InvalidConfigurationException("--filter", request.filter() == null
                        ? "the source has no hypertables"
                        : "'" + request.filter() + "' matches no hypertable or continuous aggregate on the source (it "
                          + "is a case-insensitive regular expression on schema.table or schema.view)");
            }
            boolean routed = !targetCatalog.canCreateChunks();
            if (routed) {
                log.info("the target cannot create chunks (Apache license): rows are routed through its hypertables");
            }

            Map<String, String> skipped = new LinkedHashMap<>();
            Map<Integer, Hypertable> targets = new HashMap<>();
            for (Hypertable h : matched) {
                checkTarget(sourceCatalog, targetCatalog, h, routed).ifPresentOrElse(
                        reason -> skipped.put(h.display(), reason),
                        () -> targets.put(h.id(), targetCatalog.counterpart(h).orElseThrow()));
            }
            List<Hypertable> staged = matched.stream().filter(h -> targets.containsKey(h.id())).toList();
            Map<Integer, CatalogReader.TimeBound> until = new HashMap<>();
            Map<Integer, CatalogReader.TimeBound> from = new HashMap<>();
            for (Hypertable h : staged) {
                CatalogReader.TimeBound u = sourceCatalog.timeBound("--until", request.until(), h);
                until.put(h.id(), u);
                if (request.from() != null) {
                    CatalogReader.TimeBound f = sourceCatalog.timeBound("--from", request.from(), h);
                    if (f.internal() >= u.internal()) {
                        throw new InvalidConfigurationException("--from", "'" + request.from()
                                + "' is not before --until '" + request.until() + "' (hypertable " + h.display() + ")");
                    }
                    from.put(h.id(), f);
                }
            }
            // Bad input must leave the target untouched: the task schema only comes once every bound parsed.
            if (!request.dryRun()) {
                new TaskStore(target).create();
            }
            new TaskStore(target).requireSource(SourceIdentity.of(source), !request.dryRun());
            Map<Integer, List<SourceChunk>> chunks = sourceCatalog.chunks(staged, until, from).stream()
                    .collect(Collectors.groupingBy(c -> c.hypertable().id(), LinkedHashMap::new, Collectors.toList()));
            source.commit();

            List<HypertableStage> results = new ArrayList<>();
            for (Hypertable h : matched) {
                if (skipped.containsKey(h.display())) {
                    log.warn("not staging {}: {}", h.display(), skipped.get(h.display()));
                    results.add(HypertableStage.skipped(h.display(), 0, skipped.get(h.display())));
                    listener.onEvent(new BackfillEvent.HypertableStaged(h.display(), 0, 1));
                    continue;
                }
                results.add(stageHypertable(target, targetCatalog, h, targets.get(h.id()),
                        chunks.getOrDefault(h.id(), List.of()), from.get(h.id()), until.get(h.id()), routed,
                        request));
            }
            return new StageResult(results, request.dryRun());
        } catch (SQLException e) {
            throw Errors.failed("stage", e);
        }
    }

    private HypertableStage stageHypertable(Connection target, CatalogReader targetCatalog, Hypertable sourceHypertable,
                                            Hypertable targetHypertable, List<SourceChunk> chunks,
                                            CatalogReader.TimeBound from, CatalogReader.TimeBound until, boolean routed,
                                            StageRequest request) throws SQLException {
        String name = sourceHypertable.display();
        target.setAutoCommit(false);
        try {
            Set<String> existing = routed ? Set.of() : targetCatalog.chunkSlices(targetHypertable);
            int newTargetChunks = routed ? 0 : (int) chunks.stream().filter(c -> !existing.contains(c.slices())).count();
            // Routed rows are bounded by the chunk's own edges too, written in the time type.
            List<CatalogReader.TimeBound> edges = routed
                    ? targetCatalog.timeBounds(targetHypertable, chunks.stream()
                            .flatMap(c -> java.util.stream.Stream.of(c.rangeStart(), c.rangeEnd())).toList())
                    : List.of();
            List<TaskStore.StagedChunk> staged = new ArrayList<>(chunks.size());
            int partial = 0;
            for (int i = 0; i < chunks.size(); i++) {
                SourceChunk c = chunks.get(i);
                CatalogReader.TimeBound lower = from != null && c.rangeStart() < from.internal() ? from : null;
                CatalogReader.TimeBound upper = c.rangeEnd() > until.internal() ? until : null;
                partial += lower != null || upper != null ? 1 : 0;
                // An open edge (the first or last chunk reaches the type's limits) needs no bound.
                if (routed) {
                    lower = lower != null || c.rangeStart() == Long.MIN_VALUE ? lower : edges.get(2 * i);
                    upper = upper != null || c.rangeEnd() == Long.MAX_VALUE ? upper : edges.get(2 * i + 1);
                }
                staged.add(new TaskStore.StagedChunk(c, targetHypertable, routed, lower, upper, request.snapshot()));
            }
            TaskStore store = new TaskStore(target);
            TaskStore.StageCounts counts = request.dryRun() ? store.wouldInsert(staged) : store.insert(staged);
            target.commit();
            int compressed = (int) chunks.stream().filter(c -> c.state().compressed()).count();
            int partiallyCompressed = (int) chunks.stream().filter(c -> c.state().compressed() && c.state().partial()).count();
            long rows = staged.stream().mapToLong(c -> c.estimate().rows()).sum();
            long bytes = staged.stream().mapToLong(c -> c.estimate().bytes()).sum();
            log.info("{} {}: {} chunks ({} new, {} widened, {} partial, {} compressed), about {} rows, {} bytes",
                    request.dryRun() ? "would stage" : "staged", name, chunks.size(), counts.inserted(),
                    counts.widened(), partial, compressed, rows, bytes);
            listener.onEvent(new BackfillEvent.HypertableStaged(name, counts.inserted() + counts.widened(), 0));
            return new HypertableStage(name, chunks.size(), counts.inserted(), counts.widened(), partial, compressed,
                    partiallyCompressed, rows, bytes, newTargetChunks, null);
        } finally {
            target.setAutoCommit(true);
        }
    }

    /** Why the target cannot receive this hypertable, or empty when it can. */
    private static Optional<String> checkTarget(CatalogReader source, CatalogReader target, Hypertable h,
                                                boolean routed) {
        if (routed && h.cagg()) {
            return Optional.of("it is a continuous aggregate and the target cannot create chunks (Apache license)");
        }
        if (routed && h.dimensions() > 2) {
            return Optional.of("it has " + h.dimensions() + " dimensions; a target that cannot create chunks "
                    + "(Apache license) takes hypertables with at most one space dimension");
        }
        Optional<Hypertable> counterpart = target.counterpart(h);
        if (counterpart.isEmpty()) {
            return Optional.of("the target has no " + (h.cagg() ? "continuous aggregate " : "hypertable ")
                    + h.display() + " (create the schema on the target first)");
        }
        if (!counterpart.get().timeColumn().equals(h.timeColumn())) {
            return Optional.of("its time column is " + h.timeColumn() + " on the source but "
                    + counterpart.get().timeColumn() + " on the target");
        }
        Map<String, String> targetColumns = target.columns(counterpart.get().qualified()).stream()
                .collect(Collectors.toMap(Column::name, Column::type));
        List<String> problems = new ArrayList<>();
        for (Column c : source.columns(h.qualified())) {
            String type = targetColumns.get(c.name());
            if (type == null) {
                problems.add("column " + c.name() + " is missing on the target");
            } else if (!type.equals(c.type())) {
                problems.add("column " + c.name() + " is " + c.type() + " on the source but " + type + " on the target");
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
