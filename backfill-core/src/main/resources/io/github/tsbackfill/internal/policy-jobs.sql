-- Scheduled TimescaleDB policy jobs on the given hypertables (user hypertables and materializations), named by the
-- object they work on. Parameters: hypertable ids; procedure names, twice (null: every policy).
SELECT j.id AS job_id,
       j.proc_name,
       coalesce(a.user_view_schema || '.' || a.user_view_name, h.schema_name || '.' || h.table_name) AS object
FROM _timescaledb_config.bgw_job j
JOIN _timescaledb_catalog.hypertable h ON h.id = j.hypertable_id
LEFT JOIN _timescaledb_catalog.continuous_agg a ON a.mat_hypertable_id = h.id
WHERE j.scheduled
  AND j.proc_schema IN ('_timescaledb_functions', '_timescaledb_internal')
  AND j.hypertable_id = ANY (CAST(? AS int[]))
  AND (CAST(? AS text[]) IS NULL OR j.proc_name = ANY (CAST(? AS text[])))
ORDER BY j.id
