-- Records staged chunks, all at once, from a JSON array of objects keyed by task column name. A chunk staged before
-- keeps its row; its range becomes the union of the old and new ranges (null bound = the chunk's edge, i.e.
-- unbounded), and a changed range makes it pending again.
INSERT INTO __backfill.task AS t (hypertable_schema, hypertable_name, chunk_schema, chunk_name, routed, target_chunk,
                                  dimensions, time_column, time_type, copy_from, copy_until, from_internal,
                                  until_internal, space_column, space_function, space_from, space_until, snapshot,
                                  est_rows, est_bytes)
SELECT hypertable_schema, hypertable_name, chunk_schema, chunk_name, routed, target_chunk, dimensions, time_column,
       time_type, copy_from, copy_until, from_internal, until_internal, space_column, space_function, space_from,
       space_until, snapshot, est_rows, est_bytes
FROM jsonb_populate_recordset(NULL::__backfill.task, CAST(? AS jsonb))
ON CONFLICT (chunk_schema, chunk_name) DO UPDATE SET
    from_internal  = CASE WHEN t.from_internal IS NULL OR excluded.from_internal IS NULL THEN NULL
                          ELSE least(t.from_internal, excluded.from_internal) END,
    copy_from      = CASE WHEN t.from_internal IS NULL OR excluded.from_internal IS NULL THEN NULL
                          WHEN excluded.from_internal < t.from_internal THEN excluded.copy_from
                          ELSE t.copy_from END,
    until_internal = CASE WHEN t.until_internal IS NULL OR excluded.until_internal IS NULL THEN NULL
                          ELSE greatest(t.until_internal, excluded.until_internal) END,
    copy_until     = CASE WHEN t.until_internal IS NULL OR excluded.until_internal IS NULL THEN NULL
                          WHEN excluded.until_internal > t.until_internal THEN excluded.copy_until
                          ELSE t.copy_until END,
    target_chunk   = coalesce(excluded.target_chunk, t.target_chunk),
    snapshot       = excluded.snapshot,
    est_rows       = excluded.est_rows,
    est_bytes      = excluded.est_bytes,
    staged         = now(),
    worked         = NULL,
    verified       = NULL,
    verify_ok      = NULL,
    verify_message = NULL
WHERE (t.from_internal IS NOT NULL AND (excluded.from_internal IS NULL OR excluded.from_internal < t.from_internal))
   OR (t.until_internal IS NOT NULL AND (excluded.until_internal IS NULL OR excluded.until_internal > t.until_internal))
RETURNING (xmax = 0) AS inserted
