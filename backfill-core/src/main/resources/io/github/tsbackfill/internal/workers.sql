-- The workers of the processes alive, on every host.
SELECT worker, job, chunk, task_started, bytes,
       CASE WHEN seen > task_started THEN bytes / extract(epoch FROM seen - task_started) ELSE 0 END AS bytes_per_second,
       coalesce(extract(epoch FROM now() - coalesce(progressed, task_started)), 0) AS idle_seconds
FROM __backfill.live_worker
ORDER BY worker
