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
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code refresh-caggs}: copy keeps its writes out of the target's invalidation tracking, so the continuous
 * aggregates over backfilled data are refreshed here, forced, over exactly the copied ranges (see
 * {@link CatalogLayout#refreshCanForce()} for versions without forced refreshes). A cagg's windows are the
 * copied ranges of the hypertable it reads, widened by one bucket on each side (a refresh only recomputes whole
 * buckets inside its window); a cagg on a cagg reads the windows its lower cagg was refreshed over.
 */
public final class CaggRefresher {

    private static final Logger log = LoggerFactory.getLogger(CaggRefresher.class);

    private final Pools pools;
    private final BackfillListener listener;

    public CaggRefresher(Pools pools, BackfillListener listener) {
        this.pools = pools;
        this.listener = listener;
    }

    /** A continuous aggregate of the target, with its bucket width in internal units. */
    private record Cagg(int matId, int rawId, String schema, String view, String timeType, String bucketWidth,
                        long widthInternal, boolean fixedWidth, int level) {

        String display() {
            return schema + "." + view;
        }

        /** Variable buckets (months, time zones) are widened generously: twice the nominal width and a day. */
        long widening() {
            return fixedWidth ? widthInternal : 2 * widthInternal + 86_400_000_000L;
        }
    }

    public RefreshResult refresh(RefreshRequest request) {
        try (Connection connection = pools.target()) {
            new TaskStore(connection).requireStaged();
            CatalogReader catalog = pools.targetCatalog(connection);
            List<Planned> plan = plan(catalog, request.filter());
            if (!request.force()) {
                refuseEnabledPolicies(catalog.dsl(), plan.stream().map(Planned::cagg).distinct().toList());
            }
            List<RefreshResult.Refreshed> done = new ArrayList<>();
            for (Planned p : plan) {
                done.add(refresh(catalog, p.cagg(), p.window(), plan.size()));
            }
            return new RefreshResult(done);
        } catch (SQLException e) {
            throw Errors.failed("refresh-caggs", e);
        }
    }

    /** The continuous aggregates {@link #refresh} would refresh now, lower ones first. */
    public List<String> caggsOverCopiedData() {
        try (Connection connection = pools.target()) {
            return plan(pools.targetCatalog(connection), null).stream().map(p -> p.cagg().display()).distinct().toList();
        } catch (SQLException e) {
            throw Errors.failed("copy", e);
        }
    }

    private record Planned(Cagg cagg, long[] window) {
    }

    private static List<Planned> plan(CatalogReader catalog, String filter) {
        Map<Integer, List<long[]>> copied = new HashMap<>();
        for (Record r : catalog.dsl().resultQuery(SqlResources.load("backfilled-ranges.sql")).fetch()) {
            copied.computeIfAbsent(r.get("hypertable_id", Integer.class), k -> new ArrayList<>())
                    .add(new long[] {r.get("range_start", Long.class), r.get("range_end", Long.class)});
        }
        return plan(caggs(catalog), copied, filter);
    }

    /**
     * The windows of each cagg reading copied data, lower caggs first: a lower cagg's window is data that changed
     * for the caggs above it. Caggs the filter leaves out pass their windows up all the same, unrefreshed.
     */
    private static List<Planned> plan(List<Cagg> caggs, Map<Integer, List<long[]>> copied, String filter) {
        Pattern pattern = filter == null ? null : Pattern.compile(filter, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        Map<Integer, List<long[]>> windows = new HashMap<>(copied);
        List<Planned> plan = new ArrayList<>();
        for (Cagg cagg : caggs) {
            boolean wanted = pattern == null || pattern.matcher(cagg.display()).find();
            for (long[] range : merge(windows.getOrDefault(cagg.rawId(), List.of()))) {
                long[] window = {range[0] - cagg.widening(), range[1] + cagg.widening()};
                if (wanted) {
                    plan.add(new Planned(cagg, window));
                }
                windows.computeIfAbsent(cagg.matId(), k -> new ArrayList<>()).add(window);
            }
        }
        return plan;
    }

    private static List<Cagg> caggs(CatalogReader catalog) {
        List<Record> rows = catalog.dsl().resultQuery(SqlResources.load("cagg-tree.sql", catalog.layout())).fetch();
        Map<Integer, Integer> rawOf = rows.stream().collect(Collectors.toMap(
                r -> r.get("mat_hypertable_id", Integer.class), r -> r.get("raw_hypertable_id", Integer.class)));
        return rows.stream().map(r -> {
            int level = 0;
            for (Integer raw = rawOf.get(r.get("mat_hypertable_id", Integer.class)); rawOf.containsKey(raw); raw = rawOf.get(raw)) {
                level++;
            }
            return new Cagg(r.get("mat_hypertable_id", Integer.class), r.get("raw_hypertable_id", Integer.class),
                    r.get("user_view_schema", String.class), r.get("user_view_name", String.class),
                    r.get("time_type", String.class), r.get("bucket_width", String.class),
                    r.get("width_internal", Long.class), r.get("fixed_width", Boolean.class), level);
        }).sorted(Comparator.comparingInt(Cagg::level).thenComparing(Cagg::display)).toList();
    }

    /** Refresh or retention jobs would race the backfill and materialize or drop half-copied ranges. */
    private static void refuseEnabledPolicies(DSLContext dsl, List<Cagg> chosen) {
        Integer[] ids = chosen.stream().flatMap(c -> java.util.stream.Stream.of(c.matId(), c.rawId()))
                .distinct().toArray(Integer[]::new);
        List<String> jobs = dsl.resultQuery(SqlResources.load("cagg-policies.sql"), (Object) ids).fetch().stream()
                .map(r -> "job " + r.get("job_id") + " (" + r.get("proc_name") + " on " + r.get("object") + ")")
                .toList();
        if (!jobs.isEmpty()) {
            throw new BackfillException(Kind.PRECONDITION, "the target has enabled policies on the continuous "
                    + "aggregates to refresh or the hypertables under them: " + String.join(", ", jobs)
                    + ". Pause them during the backfill (SELECT alter_job(<id>, scheduled => false)) or pass --force");
        }
    }

    private RefreshResult.Refreshed refresh(CatalogReader catalog, Cagg cagg, long[] window, int total) {
        DSLContext dsl = catalog.dsl();
        Field<?> from = typed(catalog, cagg.timeType(), window[0]);
        Field<?> until = typed(catalog, cagg.timeType(), window[1]);
        Record bounds = dsl.select(from.cast(String.class), until.cast(String.class)).fetchOne();
        String label = "[" + bounds.get(0) + ", " + bounds.get(1) + ")";
        listener.onEvent(new BackfillEvent.TaskStarted("refresh", label, cagg.display(), total));
        long started = System.nanoTime();
        log.info("refreshing {} over {} (bucket {})", cagg.display(), label, cagg.bucketWidth());
        Field<String> view = DSL.val(Sql.qualified(cagg.schema(), cagg.view()));
        if (catalog.layout().refreshCanForce()) {
            dsl.query("CALL refresh_continuous_aggregate(CAST({0} AS regclass), {1}, {2}, force => true)", view, from, until)
                    .execute();
        } else {
            dsl.query("CALL refresh_continuous_aggregate(CAST({0} AS regclass), {1}, {2})", view, from, until).execute();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        listener.onEvent(new BackfillEvent.TaskFinished("refresh", label, cagg.display(), 0, 0, took, true, "refreshed"));
        return new RefreshResult.Refreshed(cagg.display(), String.valueOf(bounds.get(0)), String.valueOf(bounds.get(1)), took);
    }

    /** An internal time value as the cagg's time type, through TimescaleDB's own conversion functions. */
    private static Field<?> typed(CatalogReader catalog, String timeType, long internal) {
        String fn = catalog.layout().functionsSchema();
        return switch (timeType) {
            case "timestamp with time zone" -> DSL.function(DSL.name(fn, "to_timestamp"), SQLDataType.TIMESTAMPWITHTIMEZONE, DSL.val(internal));
            case "timestamp without time zone" -> DSL.function(DSL.name(fn, "to_timestamp_without_timezone"), SQLDataType.TIMESTAMP, DSL.val(internal));
            case "date" -> DSL.function(DSL.name(fn, "to_date"), SQLDataType.DATE, DSL.val(internal));
            case "smallint" -> DSL.val(internal).cast(SQLDataType.SMALLINT);
            case "integer" -> DSL.val(internal).cast(SQLDataType.INTEGER);
            case "bigint" -> DSL.val(internal);
            default -> throw new BackfillException(Kind.FAILED, "continuous aggregates on time type " + timeType
                    + " are not supported by refresh-caggs");
        };
    }

    /** Overlapping or touching windows become one, so each bucket is refreshed once. */
    private static List<long[]> merge(List<long[]> ranges) {
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : sorted) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new long[] {r[0], r[1]});
            }
        }
        return merged;
    }
}
