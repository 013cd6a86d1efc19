-- A process's heartbeat: publishes its workers (a JSON array of objects keyed by __backfill.worker column name),
-- forgets workers not seen for an hour (their process died), and reads the operator's control with the number of
-- other copy processes alive (data-modifying WITH parts run whether read or not). Parameters: the workers; this
-- process's name, the part of a worker's name before the '/'.
WITH published AS (
    INSERT INTO __backfill.worker AS w (worker, host, pid, job, task, chunk, task_started, bytes, progressed, seen)
    SELECT worker, host, pid, job, task, chunk, task_started, bytes, progressed, now()
    FROM jsonb_populate_recordset(NULL::__backfill.worker, CAST(? AS jsonb))
    ON CONFLICT (worker) DO UPDATE SET task = excluded.task, chunk = excluded.chunk,
        task_started = excluded.task_started, bytes = excluded.bytes, progressed = excluded.progressed,
        seen = excluded.seen
), forgotten AS (
    DELETE FROM __backfill.worker WHERE seen < now() - interval '1 hour'
)
SELECT c.paused, c.parallelism, c.max_rate,
       (SELECT count(DISTINCT split_part(o.worker, '/', 1)) FROM __backfill.live_worker o
        WHERE o.job = 'copy' AND split_part(o.worker, '/', 1) <> CAST(? AS text)) AS other_copy_processes
FROM __backfill.control c
