package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillEvent;
import io.github.tsbackfill.BackfillException;
import io.github.tsbackfill.BackfillException.Kind;
import io.github.tsbackfill.BackfillListener;
import io.github.tsbackfill.RefreshRequest;
import io.github.tsbackfill.RefreshResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code refresh-caggs}: copy keeps its writes out of the target's invalidation tracking, so the continuous
 * aggregates over backfilled data are refreshed here, forced, over exactly the buckets holding copied data (see
 * {@link RefreshPlan} for which, and {@link CatalogLayout#refreshCanForce()} for versions without forced
 * refreshes); optionally also up to the source's watermarks, as the original tool does.
 */
public final class CaggRefresher {

    private static final Logger log = LoggerFactory.getLogger(CaggRefresher.class);

    private final Pools pools;
    private final BackfillListener listener;

    public CaggRefresher(Pools pools, BackfillListener listener) {
        this.pools = pools;
        this.listener = listener;
    }

    /** A continuous aggregate of the target as its catalog describes it. */
    private record CaggRow(int matId, int rawId, String schema, String view, String rawSchema, String rawName,
                           String rawTimeColumn, String matSchema, String matName, String matTimeColumn,
                           String timeType, String width, long widthInternal, String origin, String offset,
                           String timezone, boolean matches) {

        String display() {
            return schema + "." + view;
        }

    }

    public RefreshResult refresh(RefreshRequest request) {
        try (Connection connection = pools.target()) {
            TaskStore store = new TaskStore(connection);
            boolean staged = store.staged();
            if (staged || !request.upToSourceWatermarks()) {
                store.requireStaged();
            }
            Map<String, Long> sourceWatermarks = request.upToSourceWatermarks() ? sourceWatermarks(store) : Map.of();
            CatalogReader catalog = pools.targetCatalog(connection);
            List<CaggRow> rows = caggRows(catalog, request.filter());
            Map<Integer, RefreshPlan.Cagg> caggs = planned(catalog, rows, request);
            List<RefreshPlan.Window> plan = RefreshPlan.plan(List.copyOf(caggs.values()),
                    staged ? copiedRanges(catalog) : Map.of(), watermarkGaps(catalog, rows, sourceWatermarks),
                    rowFinder(catalog, rows));
            if (!request.force()) {
                refuseEnabledPolicies(catalog.dsl(), plan.stream().map(RefreshPlan.Window::cagg).distinct().toList());
            }
            Map<Integer, CaggRow> byId = rows.stream().collect(Collectors.toMap(CaggRow::matId, Function.identity()));
            List<RefreshResult.Refreshed> done = new ArrayList<>();
            for (RefreshPlan.Window w : plan) {
                done.add(refresh(catalog, byId.get(w.cagg().matId()), w, plan.size()));
            }
            PausedPolicies policies = new PausedPolicies(connection);
            if (staged && request.filter() == null && store.pending() == 0) {
                return new RefreshResult(done, policies.resume(), List.of());
            }
            return new RefreshResult(done, List.of(), policies.paused());
        } catch (SQLException e) {
            throw Errors.failed("refresh-caggs", e);
        }
    }

    /** The continuous aggregates {@link #refresh} would refresh now over copied data, lower ones first. */
    public List<String> caggsOverCopiedData() {
        try (Connection connection = pools.target()) {
            CatalogReader catalog = pools.targetCatalog(connection);
            List<CaggRow> rows = caggRows(catalog, null);
            return RefreshPlan.plan(List.copyOf(planned(catalog, rows, RefreshRequest.all()).values()),
                            copiedRanges(catalog), Map.of(), rowFinder(catalog, rows)).stream()
                    .map(w -> w.cagg().display()).distinct().toList();
        } catch (SQLException e) {
            throw Errors.failed("copy", e);
        }
    }

    private static List<CaggRow> caggRows(CatalogReader catalog, String filter) {
        List<Record> records;
        try {
            records = catalog.dsl().resultQuery(SqlResources.load("cagg-tree.sql", catalog.layout()), filter, filter)
                    .fetch();
        } catch (DataAccessException e) {
            throw CatalogReader.filterError(filter, e);
        }
        return records.stream().map(r -> new CaggRow(r.get("mat_hypertable_id", Integer.class),
                r.get("raw_hypertable_id", Integer.class), r.get("user_view_schema", String.class),
                r.get("user_view_name", String.class), r.get("raw_schema", String.class),
                r.get("raw_name", String.class), r.get("raw_time_column", String.class),
                r.get("mat_schema", String.class), r.get("mat_name", String.class),
                r.get("mat_time_column", String.class), r.get("time_type", String.class),
                r.get("bucket_width", String.class), r.get("width_internal", Long.class),
                r.get("bucket_origin", String.class), r.get("bucket_offset", String.class),
                r.get("bucket_timezone", String.class), r.get("matches", Boolean.class))).toList();
    }

    /**
     * The caggs lower first, each with its bucket grid and whether the request selects it: matched by the filter,
     * or, with cascading, built on (up) or under (down) a matched one.
     */
    private static Map<Integer, RefreshPlan.Cagg> planned(CatalogReader catalog, List<CaggRow> rows,
                                                           RefreshRequest request) {
        Map<Integer, Integer> rawOf = rows.stream().collect(Collectors.toMap(CaggRow::matId, CaggRow::rawId));
        Map<Integer, CaggRow> byId = rows.stream().collect(Collectors.toMap(CaggRow::matId, Function.identity()));
        Map<Integer, List<Integer>> below = new HashMap<>();
        for (CaggRow row : rows) {
            List<Integer> chain = new ArrayList<>();
            for (Integer raw = row.rawId(); rawOf.containsKey(raw); raw = rawOf.get(raw)) {
                chain.add(raw);
            }
            below.put(row.matId(), chain);
        }
        Set<Integer> selected = new LinkedHashSet<>();
        for (CaggRow row : rows) {
            if (row.matches()) {
                selected.add(row.matId());
                if (request.cascadeDown()) {
                    selected.addAll(below.get(row.matId()));
                }
            } else if (request.cascadeUp() && below.get(row.matId()).stream().anyMatch(id -> byId.get(id).matches())) {
                selected.add(row.matId());
            }
        }
        Map<Integer, RefreshPlan.Cagg> caggs = new java.util.LinkedHashMap<>();
        rows.stream()
                .sorted(Comparator.comparingInt((CaggRow r) -> below.get(r.matId()).size()).thenComparing(CaggRow::display))
                .forEach(r -> caggs.put(r.matId(), new RefreshPlan.Cagg(r.matId(), r.rawId(), r.display(),
                        selected.contains(r.matId()), grid(catalog, r))));
        return caggs;
    }

    /** Latest time values by a max() over the tables' time indexes. */
    private static RefreshPlan.RowFinder rowFinder(CatalogReader catalog, List<CaggRow> rows) {
        Map<Integer, CaggRow> byId = rows.stream().collect(Collectors.toMap(CaggRow::matId, Function.identity()));
        return new RefreshPlan.RowFinder() {
            @Override
            public OptionalLong latestRead(RefreshPlan.Cagg cagg, TimeRange range) {
                CaggRow row = byId.get(cagg.matId());
                return latest(catalog, row.timeType(), row.rawSchema(), row.rawName(), row.rawTimeColumn(), range);
            }

            @Override
            public OptionalLong latestMaterialized(RefreshPlan.Cagg cagg) {
                CaggRow row = byId.get(cagg.matId());
                return latest(catalog, row.timeType(), row.matSchema(), row.matName(), row.matTimeColumn(),
                        new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE));
            }
        };
    }

    private static OptionalLong latest(CatalogReader catalog, String timeType, String schema, String table,
                                       String column, TimeRange range) {
        Field<Object> time = DSL.field(DSL.name(column));
        Condition within = DSL.trueCondition();
        if (!range.openStart()) {
            within = within.and(time.ge(typed(catalog, timeType, range.start())));
        }
        if (!range.openEnd()) {
            within = within.and(time.lt(typed(catalog, timeType, range.end())));
        }
        Long latest = catalog.dsl().select(DSL.function(DSL.name(catalog.layout().functionsSchema(), "time_to_internal"),
                        Long.class, DSL.max(time)))
                .from(DSL.table(DSL.name(schema, table))).where(within).fetchOne(0, Long.class);
        return latest == null ? OptionalLong.empty() : OptionalLong.of(latest);
    }

    private static BucketGrid grid(CatalogReader catalog, CaggRow r) {
        if (!Hypertable.integerTime(r.timeType())) {
            return new TimeBuckets(catalog.dsl(), catalog.layout(), r.width(), r.timezone(), r.origin(), r.offset());
        }
        String shift = r.origin() != null ? r.origin() : r.offset();
        return new BucketGrid.IntegerBuckets(r.widthInternal(), shift == null ? 0 : Long.parseLong(shift.trim()),
                Hypertable.integerMin(r.timeType()), Hypertable.integerMax(r.timeType()));
    }

    /** What copy has written, per target hypertable (user hypertables and materializations). */
    private static Map<Integer, List<TimeRange>> copiedRanges(CatalogReader catalog) {
        Map<Integer, List<TimeRange>> copied = new HashMap<>();
        for (Record r : catalog.dsl().resultQuery(SqlResources.load("backfilled-ranges.sql")).fetch()) {
            copied.computeIfAbsent(r.get("hypertable_id", Integer.class), k -> new ArrayList<>())
                    .add(new TimeRange(r.get("range_start", Long.class), r.get("range_end", Long.class)));
        }
        return copied;
    }

    private Map<String, Long> sourceWatermarks(TaskStore store) throws SQLException {
        try (Connection source = pools.source()) {
            store.requireSource(SourceIdentity.of(source), false);
            return watermarks(pools.sourceCatalog(source).dsl());
        }
    }

    private static Map<String, Long> watermarks(DSLContext dsl) {
        return dsl.resultQuery(SqlResources.load("cagg-watermarks.sql")).fetch().stream().collect(Collectors.toMap(
                r -> r.get("user_view_schema", String.class) + "." + r.get("user_view_name", String.class),
                r -> r.get("watermark", Long.class)));
    }

    /** Per target cagg behind its namesake on the source: from the target's watermark to the source's. */
    private static Map<Integer, TimeRange> watermarkGaps(CatalogReader catalog, List<CaggRow> rows,
                                                         Map<String, Long> sourceWatermarks) {
        if (sourceWatermarks.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> target = watermarks(catalog.dsl());
        Map<Integer, TimeRange> gaps = new HashMap<>();
        for (CaggRow row : rows) {
            Long from = target.get(row.display());
            Long until = sourceWatermarks.get(row.display());
            if (from != null && until != null && from < until) {
                gaps.put(row.matId(), new TimeRange(from, until));
            }
        }
        return gaps;
    }

    /** Refresh or retention jobs would race the backfill and materialize or drop half-copied ranges. */
    private static void refuseEnabledPolicies(DSLContext dsl, List<RefreshPlan.Cagg> chosen) {
        Integer[] ids = chosen.stream().flatMap(c -> Stream.of(c.matId(), c.rawId())).distinct().toArray(Integer[]::new);
        String[] procs = {"policy_refresh_continuous_aggregate", "policy_retention"};
        List<String> jobs = PausedPolicies.scheduledJobs(dsl, ids, procs).stream()
                .map(r -> "job " + r.get("job_id") + " (" + r.get("proc_name") + " on " + r.get("object") + ")")
                .toList();
        if (!jobs.isEmpty()) {
            throw new BackfillException(Kind.PRECONDITION, "the target has enabled policies on the continuous "
                    + "aggregates to refresh or the hypertables under them: " + String.join(", ", jobs)
                    + ". Pause them during the backfill (copy --pause-policies, or SELECT alter_job(<id>, scheduled => false)) "
                    + "or pass --force");
        }
    }

    private RefreshResult.Refreshed refresh(CatalogReader catalog, CaggRow cagg, RefreshPlan.Window window, int total) {
        DSLContext dsl = catalog.dsl();
        Field<?> from = typed(catalog, cagg.timeType(), window.range().openStart() ? null : window.range().start());
        Field<?> until = typed(catalog, cagg.timeType(), window.range().openEnd() ? null : window.range().end());
        Record bounds = dsl.select(DSL.coalesce(from.cast(String.class), DSL.inline("-infinity")),
                DSL.coalesce(until.cast(String.class), DSL.inline("infinity"))).fetchOne();
        String label = "[" + bounds.get(0) + ", " + bounds.get(1) + ")";
        listener.onEvent(new BackfillEvent.TaskStarted("refresh", label, cagg.display(), total));
        long started = System.nanoTime();
        log.info("refreshing {} over {} (bucket {}): {}", cagg.display(), label, cagg.width(), window.reason().text);
        Field<String> view = DSL.val(Sql.qualified(cagg.schema(), cagg.view()));
        // Only copied windows need forcing: copy kept them out of the invalidation log.
        if (window.reason() == RefreshPlan.Reason.COPIED && catalog.layout().refreshCanForce()) {
            dsl.query("CALL refresh_continuous_aggregate(CAST({0} AS regclass), {1}, {2}, force => true)", view, from, until)
                    .execute();
        } else {
            dsl.query("CALL refresh_continuous_aggregate(CAST({0} AS regclass), {1}, {2})", view, from, until).execute();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        listener.onEvent(new BackfillEvent.TaskFinished("refresh", label, cagg.display(), 0, 0, took, true, "refreshed"));
        return new RefreshResult.Refreshed(cagg.display(), String.valueOf(bounds.get(0)), String.valueOf(bounds.get(1)),
                window.reason().text, took);
    }

    /** An internal time value (null: open) as the cagg's time type, through TimescaleDB's own conversions. */
    private static Field<?> typed(CatalogReader catalog, String timeType, Long internal) {
        DataType<?> type = TimeType.of(timeType);
        if (internal == null) {
            return DSL.castNull(type);
        }
        String fn = catalog.layout().functionsSchema();
        return switch (timeType) {
            case "timestamp with time zone" -> DSL.function(DSL.name(fn, "to_timestamp"), type, DSL.val(internal));
            case "timestamp without time zone" -> DSL.function(DSL.name(fn, "to_timestamp_without_timezone"), type, DSL.val(internal));
            case "date" -> DSL.function(DSL.name(fn, "to_date"), type, DSL.val(internal));
            default -> DSL.val(internal).cast(type);
        };
    }
}
