-- Progress per hypertable, with the stage-time estimates of all work and of the work left.
SELECT hypertable_schema || '.' || hypertable_name                     AS hypertable,
       count(*)                                                        AS chunks,
       count(worked)                                                   AS copied,
       count(*) FILTER (WHERE verify_ok)                               AS verified,
       count(*) FILTER (WHERE worked IS NULL AND copy_message IS NOT NULL) AS failed,
       count(*) FILTER (WHERE verify_ok = false)                       AS mismatched,
       count(*) FILTER (WHERE copy_mode = 'skipped')                   AS skipped,
       coalesce(sum(rows_copied), 0)                                   AS rows_copied,
       coalesce(sum(bytes_copied), 0)                                  AS bytes_copied,
       coalesce(sum(rows_replaced), 0)                                 AS rows_replaced,
       coalesce(sum(est_bytes), 0)                                     AS est_bytes,
       coalesce(sum(est_bytes) FILTER (WHERE worked IS NULL), 0)       AS est_bytes_left
FROM __backfill.task
GROUP BY 1
ORDER BY 1
