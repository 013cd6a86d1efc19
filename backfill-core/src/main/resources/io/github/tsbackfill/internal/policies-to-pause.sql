-- The scheduled TimescaleDB policy jobs (retention, compression, reorder, cagg refresh...) of the target hypertables
-- that have tasks and of every continuous aggregate built on them, directly or through other aggregates: they
-- would drop, compress, reorder or materialize chunks the backfill is writing.
WITH RECURSIVE staged AS (
    SELECT DISTINCT hypertable_schema, hypertable_name FROM __backfill.task
), tree AS (
    SELECT h.id
    FROM _timescaledb_catalog.hypertable h
    JOIN staged s ON s.hypertable_schema = h.schema_name AND s.hypertable_name = h.table_name
    UNION
    SELECT a.mat_hypertable_id
    FROM _timescaledb_catalog.continuous_agg a
    JOIN staged s ON s.hypertable_schema = a.user_view_schema AND s.hypertable_name = a.user_view_name
    UNION
    SELECT a.mat_hypertable_id
    FROM _timescaledb_catalog.continuous_agg a
    JOIN tree t ON a.raw_hypertable_id = t.id
)
SELECT j.id AS job_id,
       j.proc_name,
       coalesce(a.user_view_schema || '.' || a.user_view_name, h.schema_name || '.' || h.table_name) AS object
FROM _timescaledb_config.bgw_job j
JOIN _timescaledb_catalog.hypertable h ON h.id = j.hypertable_id
LEFT JOIN _timescaledb_catalog.continuous_agg a ON a.mat_hypertable_id = h.id
WHERE j.scheduled
  AND j.proc_schema IN ('_timescaledb_functions', '_timescaledb_internal')
  AND j.hypertable_id IN (SELECT id FROM tree)
  AND NOT EXISTS (SELECT FROM __backfill.paused_job p WHERE p.job_id = j.id)
ORDER BY j.id
