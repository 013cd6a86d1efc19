-- The next task no other worker holds, skipping those that already failed in this run.
-- Parameters: true for a pending copy (worked is null), false for a copied, unverified chunk (skipped tasks have
-- nothing to verify); the priorities to skip; a priority to claim only that task, or null.
SELECT priority, hypertable_schema, hypertable_name, chunk_schema, chunk_name, routed, target_chunk, dimensions, time_column,
       time_type, copy_from, copy_until, space_column, space_function, space_from, space_until, snapshot
FROM __backfill.task
WHERE CASE WHEN CAST(? AS boolean) THEN worked IS NULL
           ELSE worked IS NOT NULL AND verified IS NULL AND copy_mode IS DISTINCT FROM 'skipped' END
  AND NOT (priority = ANY (CAST(? AS bigint[])))
  AND coalesce(priority = CAST(? AS bigint), true)
ORDER BY priority
LIMIT 1
FOR UPDATE SKIP LOCKED
