-- How fast copy went, over all runs so far: the wall time during which at least one chunk was being copied (the
-- union of the tasks' worked ranges), the bytes sent, and the stage-time estimate of the bytes done.
SELECT coalesce((SELECT extract(epoch FROM sum(upper(r) - lower(r)))
                 FROM unnest((SELECT range_agg(worked) FROM __backfill.task)) r), 0) AS active_seconds,
       coalesce(sum(bytes_copied), 0)                                                 AS bytes_sent,
       coalesce(sum(est_bytes) FILTER (WHERE worked IS NOT NULL), 0)                  AS est_bytes_done
FROM __backfill.task
