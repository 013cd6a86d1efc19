-- The compression settings of a hypertable up to 2.13 (one set per hypertable, in hypertable_compression), in
-- the shape of compression-settings.sql. Parameters as there; only the hypertable ({2}) is used.
SELECT array_agg(hc.attname::text ORDER BY hc.segmentby_column_index)
                FILTER (WHERE hc.segmentby_column_index IS NOT NULL) AS segmentby,
       array_agg(hc.attname::text ORDER BY hc.orderby_column_index)
                FILTER (WHERE hc.orderby_column_index IS NOT NULL) AS orderby,
       array_agg(NOT hc.orderby_asc ORDER BY hc.orderby_column_index)
                FILTER (WHERE hc.orderby_column_index IS NOT NULL) AS orderby_desc,
       array_agg(hc.orderby_nullsfirst ORDER BY hc.orderby_column_index)
                FILTER (WHERE hc.orderby_column_index IS NOT NULL) AS orderby_nullsfirst,
       CAST(NULL AS text) AS sparse_index
FROM _timescaledb_catalog.hypertable_compression hc
JOIN _timescaledb_catalog.hypertable h ON h.id = hc.hypertable_id
WHERE format('%I.%I', h.schema_name, h.table_name)::regclass = to_regclass({2})
HAVING count(*) > 0
