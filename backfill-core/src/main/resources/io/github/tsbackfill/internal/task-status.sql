-- Progress per hypertable.
SELECT hypertable_schema || '.' || hypertable_name                     AS hypertable,
       count(*)                                                        AS chunks,
       count(worked)                                                   AS copied,
       count(*) FILTER (WHERE verify_ok)                               AS verified,
       count(*) FILTER (WHERE worked IS NULL AND copy_message IS NOT NULL) AS failed,
       count(*) FILTER (WHERE verify_ok = false)                       AS mismatched,
       coalesce(sum(rows_copied), 0)                                   AS rows_copied,
       coalesce(sum(bytes_copied), 0)                                  AS bytes_copied
FROM __backfill.task
GROUP BY 1
ORDER BY 1
