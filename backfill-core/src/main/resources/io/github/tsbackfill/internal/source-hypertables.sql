-- Hypertables to stage, with their time dimension and first space dimension. Parameters: the case-insensitive
-- regex (null: everything) four times, then cascade-up and cascade-down. The regex matches a user hypertable's
-- "schema.table" or a continuous aggregate's "schema.view"; a matched cagg stands for its materialization
-- hypertable. Cascade up adds the caggs built on what matched, recursively (caggs on caggs); cascade down the
-- hypertables (or caggs) underneath a matched cagg. Internal compressed hypertables are never staged.
WITH RECURSIVE
matched AS (
    SELECT h.id
    FROM _timescaledb_catalog.hypertable h
    WHERE h.compression_state <> 2
      AND NOT EXISTS (SELECT 1 FROM _timescaledb_catalog.continuous_agg a WHERE a.mat_hypertable_id = h.id)
      AND (CAST(? AS text) IS NULL OR (h.schema_name || '.' || h.table_name) ~* CAST(? AS text))
    UNION
    SELECT a.mat_hypertable_id
    FROM _timescaledb_catalog.continuous_agg a
    WHERE CAST(? AS text) IS NULL OR (a.user_view_schema || '.' || a.user_view_name) ~* CAST(? AS text)
),
up AS (
    SELECT id FROM matched
    UNION
    SELECT a.mat_hypertable_id
    FROM up JOIN _timescaledb_catalog.continuous_agg a ON a.raw_hypertable_id = up.id
    WHERE CAST(? AS boolean)
),
down AS (
    SELECT id FROM matched
    UNION
    SELECT a.raw_hypertable_id
    FROM down JOIN _timescaledb_catalog.continuous_agg a ON a.mat_hypertable_id = down.id
    WHERE CAST(? AS boolean)
)
SELECT h.id                                AS hypertable_id,
       h.schema_name                       AS hypertable_schema,
       h.table_name                        AS hypertable_name,
       d.id                                AS dimension_id,
       d.column_name                       AS time_column,
       format_type(d.column_type, NULL)    AS time_type,
       h.num_dimensions,
       sd.column_name                      AS space_column,
       -- What maps a row to the second dimension's slices: its hash function, or for a dimension by range the
       -- internal value of the column (the function is called on the target, 2.12 or later).
       CASE WHEN sd.num_slices IS NOT NULL AND sd.partitioning_func IS NOT NULL
            THEN format('%I.%I', sd.partitioning_func_schema, sd.partitioning_func)
            WHEN sd.id IS NOT NULL THEN '_timescaledb_functions.time_to_internal' END AS space_function,
       ca.user_view_schema                 AS cagg_schema,
       ca.user_view_name                   AS cagg_name
FROM (SELECT id FROM up UNION SELECT id FROM down) chosen
JOIN _timescaledb_catalog.hypertable h ON h.id = chosen.id
JOIN LATERAL (SELECT * FROM _timescaledb_catalog.dimension d
              WHERE d.hypertable_id = h.id ORDER BY d.id LIMIT 1) d ON true
LEFT JOIN LATERAL (SELECT * FROM _timescaledb_catalog.dimension d2
                   WHERE d2.hypertable_id = h.id ORDER BY d2.id OFFSET 1 LIMIT 1) sd ON true
LEFT JOIN _timescaledb_catalog.continuous_agg ca ON ca.mat_hypertable_id = h.id
ORDER BY ca.user_view_schema IS NOT NULL, coalesce(ca.user_view_schema, h.schema_name),
         coalesce(ca.user_view_name, h.table_name)
