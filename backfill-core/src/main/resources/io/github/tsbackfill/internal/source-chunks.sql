-- Chunks of the given hypertables whose time slice overlaps [from, until), newest first.
-- Arrays, element by element: hypertable id, time dimension id, until and from in internal time (from may be null).
-- One flat join grouped per chunk, on purpose: no correlated subquery scans the catalog per chunk, and the plan
-- stays linear whether the catalog statistics are fresh or stale (a source that just created its chunks).
-- Estimates from statistics, no counting: rows from pg_class.reltuples (uncompressed part) and the compression
-- stats (compressed part). Bytes: uncompressed rows times their binary COPY width (pg_stats average column widths
-- plus field headers) where the chunk has statistics, else its heap and TOAST size; compressed data at the size
-- of its compressed relation on disk.
WITH picked AS (
    SELECT b.hypertable_id,
           c.id             AS chunk_id,
           ${chunk_schema}  AS chunk_schema,
           ${chunk_name}    AS chunk_name,
           ds.range_start,
           ds.range_end,
           c.status,
           ${compressed_relation} AS compressed_relation,
           jsonb_object_agg(d.column_name, jsonb_build_array(s.range_start, s.range_end))::text AS slices,
           (array_agg(s.range_start ORDER BY s.dimension_id) FILTER (WHERE s.dimension_id <> b.dimension_id))[1] AS space_start,
           (array_agg(s.range_end ORDER BY s.dimension_id) FILTER (WHERE s.dimension_id <> b.dimension_id))[1]   AS space_end
    FROM unnest(CAST(? AS int[]), CAST(? AS int[]), CAST(? AS bigint[]), CAST(? AS bigint[]))
             AS b(hypertable_id, dimension_id, until_internal, from_internal)
    JOIN _timescaledb_catalog.dimension_slice ds
      ON ds.dimension_id = b.dimension_id
     AND ds.range_start < b.until_internal
     AND (b.from_internal IS NULL OR ds.range_end > b.from_internal)
    JOIN _timescaledb_catalog.chunk_constraint k ON k.dimension_slice_id = ds.id
    JOIN _timescaledb_catalog.chunk c ON c.id = k.chunk_id AND c.hypertable_id = b.hypertable_id
    JOIN _timescaledb_catalog.chunk_constraint k2 ON k2.chunk_id = c.id AND k2.dimension_slice_id IS NOT NULL
    JOIN _timescaledb_catalog.dimension_slice s ON s.id = k2.dimension_slice_id
    JOIN _timescaledb_catalog.dimension d ON d.id = s.dimension_id
    WHERE ${live_chunk} AND NOT c.osm_chunk
    GROUP BY b.hypertable_id, b.dimension_id, c.id, ds.range_start, ds.range_end
)
SELECT p.hypertable_id, p.chunk_schema, p.chunk_name, p.range_start, p.range_end, p.status, p.compressed_relation,
       p.slices, p.space_start, p.space_end,
       e.rows                                                       AS est_rows,
       CAST(CASE WHEN p.status & 1 = 0 OR p.status & 8 = 8
                 THEN coalesce(e.heap_rows * w.width, pg_relation_size(r.oid) + coalesce(pg_relation_size(r.reltoastrelid), 0))
                 ELSE 0 END
            + CASE WHEN p.status & 1 = 1
                   THEN coalesce(pg_relation_size(z.oid) + coalesce(pg_relation_size(z.reltoastrelid), 0), 0)
                   ELSE 0 END AS bigint)                            AS est_bytes
FROM picked p
JOIN pg_class r ON r.oid = to_regclass(format('%I.%I', p.chunk_schema, p.chunk_name))
LEFT JOIN pg_class z ON z.oid = to_regclass(p.compressed_relation)
CROSS JOIN LATERAL (
    SELECT CASE WHEN p.status & 1 = 0 OR p.status & 8 = 8 THEN greatest(r.reltuples, 0) ELSE 0 END AS heap_rows) h
CROSS JOIN LATERAL (
    SELECT CAST(h.heap_rows + CASE WHEN p.status & 1 = 1
                                   THEN coalesce((SELECT c.numrows_pre_compression
                                                  FROM _timescaledb_catalog.compression_chunk_size c
                                                  WHERE c.chunk_id = p.chunk_id), 0)
                                   ELSE 0 END AS bigint) AS rows,
           h.heap_rows) e
LEFT JOIN LATERAL (
    SELECT 2 + sum(st.avg_width + 4) AS width
    FROM pg_stats st
    WHERE st.schemaname = p.chunk_schema AND st.tablename = p.chunk_name AND NOT st.inherited
    HAVING count(*) > 0) w ON true
ORDER BY p.hypertable_id, p.range_start DESC, p.chunk_id
