-- Changes the queue's control as the operator asked and returns it. Parameters: paused (null: as is); parallelism
-- twice and max_rate twice (null: as is; 0: no limit).
UPDATE __backfill.control SET
    paused      = coalesce(CAST(? AS boolean), paused),
    parallelism = CASE WHEN CAST(? AS integer) IS NULL THEN parallelism ELSE nullif(CAST(? AS integer), 0) END,
    max_rate    = CASE WHEN CAST(? AS bigint) IS NULL THEN max_rate ELSE nullif(CAST(? AS bigint), 0) END,
    updated     = now()
RETURNING paused, parallelism, max_rate, updated
