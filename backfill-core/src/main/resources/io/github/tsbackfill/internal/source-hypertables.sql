-- Hypertables whose "schema.table" matches the case-insensitive regex ? (null: all), with their time dimension and first space dimension.
-- Internal compressed hypertables and cagg materializations are not user hypertables.
SELECT h.id                                AS hypertable_id,
       h.schema_name                       AS hypertable_schema,
       h.table_name                        AS hypertable_name,
       d.id                                AS dimension_id,
       d.column_name                       AS time_column,
       format_type(d.column_type, NULL)    AS time_type,
       h.num_dimensions,
       sd.column_name                      AS space_column,
       CASE WHEN sd.partitioning_func IS NOT NULL
            THEN format('%I.%I', sd.partitioning_func_schema, sd.partitioning_func) END AS space_function
FROM _timescaledb_catalog.hypertable h
JOIN LATERAL (SELECT * FROM _timescaledb_catalog.dimension d
              WHERE d.hypertable_id = h.id ORDER BY d.id LIMIT 1) d ON true
LEFT JOIN LATERAL (SELECT * FROM _timescaledb_catalog.dimension d2
                   WHERE d2.hypertable_id = h.id ORDER BY d2.id OFFSET 1 LIMIT 1) sd ON true
WHERE (CAST(? AS text) IS NULL OR (h.schema_name || '.' || h.table_name) ~* CAST(? AS text))
  AND h.compression_state <> 2
  AND NOT EXISTS (SELECT 1 FROM _timescaledb_catalog.continuous_agg a WHERE a.mat_hypertable_id = h.id)
ORDER BY h.schema_name, h.table_name
