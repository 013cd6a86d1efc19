package io.github.tsbackfill;

/**
 * What to stage: every source chunk of the hypertables matching {@code filter} that holds data in
 * [{@code from}, {@code until}). Bounds are written in each hypertable's time type: a timestamp such as
 * {@code 2016-01-02T00:00:00} for time-based hypertables, an integer for integer-time ones.
 *
 * @param until    exclusive upper bound, required
 * @param from     inclusive lower bound, or null for everything before {@code until}
 * @param filter   case-insensitive PostgreSQL regular expression on {@code schema.table}, or null for all
 * @param snapshot a snapshot exported on the source ({@code pg_export_snapshot()}) to stage and copy from, or null
 * @param cascadeUp   also stage the continuous aggregates built on what {@code filter} matches, recursively
 * @param cascadeDown also stage the hypertables (or caggs) underneath a continuous aggregate {@code filter} matches
 * @param dryRun      compute what stage would record, with size estimates, and write nothing to the target
 */
public record StageRequest(String until, String from, String filter, String snapshot, boolean cascadeUp,
                           boolean cascadeDown, boolean dryRun) {

    public StageRequest {
        if (until == null || until.isBlank()) {
            throw new InvalidConfigurationException("--until", "required: stage chunks holding data before this time");
        }
        if (from != null && from.isBlank()) {
            from = null;
        }
        if (filter != null && filter.isBlank()) {
            filter = null;
        }
        if (snapshot != null && snapshot.isBlank()) {
            snapshot = null;
        }
    }

    public static StageRequest until(String until) {
        return new StageRequest(until, null, null, null, false, false, false);
    }

    public StageRequest withFrom(String from) {
        return new StageRequest(until, from, filter, snapshot, cascadeUp, cascadeDown, dryRun);
    }

    public StageRequest withFilter(String filter) {
        return new StageRequest(until, from, filter, snapshot, cascadeUp, cascadeDown, dryRun);
    }

    public StageRequest withSnapshot(String snapshot) {
        return new StageRequest(until, from, filter, snapshot, cascadeUp, cascadeDown, dryRun);
    }

    public StageRequest withCascade(boolean up, boolean down) {
        return new StageRequest(until, from, filter, snapshot, up, down, dryRun);
    }

    public StageRequest asDryRun() {
        return new StageRequest(until, from, filter, snapshot, cascadeUp, cascadeDown, true);
    }
}
