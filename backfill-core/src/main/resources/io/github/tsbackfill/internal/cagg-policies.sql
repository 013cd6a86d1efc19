-- Scheduled jobs that would refresh the given continuous aggregates on their own, or drop chunks of the given
-- hypertables, while the backfill runs. Parameter: hypertable ids (raw and materialization).
SELECT j.id AS job_id,
       j.proc_name,
       coalesce(a.user_view_schema || '.' || a.user_view_name, h.schema_name || '.' || h.table_name) AS object
FROM _timescaledb_config.bgw_job j
JOIN _timescaledb_catalog.hypertable h ON h.id = j.hypertable_id
LEFT JOIN _timescaledb_catalog.continuous_agg a ON a.mat_hypertable_id = h.id
WHERE j.scheduled
  AND j.proc_name IN ('policy_refresh_continuous_aggregate', 'policy_retention')
  AND j.hypertable_id = ANY (CAST(? AS int[]))
ORDER BY j.id
