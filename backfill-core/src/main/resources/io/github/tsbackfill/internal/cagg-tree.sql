-- Every continuous aggregate of this database: the hypertable it reads (a user hypertable or another cagg's
-- materialization), its own materialization hypertable, its time type and its bucket width in internal units
-- (microseconds for time types; variable-width buckets such as months are given by their nominal width), how its
-- buckets are cut, the tables and time columns it reads and writes, and whether its schema.view matches the case-insensitive regular expression (null: all do).
SELECT a.mat_hypertable_id,
       a.raw_hypertable_id,
       a.user_view_schema,
       a.user_view_name,
       r.schema_name AS raw_schema,
       r.table_name AS raw_name,
       rd.column_name AS raw_time_column,
       m.schema_name AS mat_schema,
       m.table_name AS mat_name,
       d.column_name AS mat_time_column,
       format_type(d.column_type, NULL) AS time_type,
       w.bucket_width,
       CASE WHEN d.column_type IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype)
            THEN CAST(w.bucket_width AS bigint)
            ELSE CAST(extract(epoch FROM CAST(w.bucket_width AS interval)) * 1000000 AS bigint) END AS width_internal,
       ${bucket_origin} AS bucket_origin,
       ${bucket_offset} AS bucket_offset,
       ${bucket_timezone} AS bucket_timezone,
       CAST(? AS text) IS NULL OR (a.user_view_schema || '.' || a.user_view_name) ~* CAST(? AS text) AS matches
FROM _timescaledb_catalog.continuous_agg a
JOIN LATERAL (SELECT * FROM _timescaledb_catalog.dimension d
              WHERE d.hypertable_id = a.mat_hypertable_id ORDER BY d.id LIMIT 1) d ON true
JOIN _timescaledb_catalog.hypertable r ON r.id = a.raw_hypertable_id
JOIN _timescaledb_catalog.hypertable m ON m.id = a.mat_hypertable_id
JOIN LATERAL (SELECT * FROM _timescaledb_catalog.dimension d
              WHERE d.hypertable_id = a.raw_hypertable_id ORDER BY d.id LIMIT 1) rd ON true
LEFT JOIN _timescaledb_catalog.continuous_aggs_bucket_function f ON f.mat_hypertable_id = a.mat_hypertable_id
CROSS JOIN LATERAL (SELECT ${bucket_width} AS bucket_width) w
