-- Chunks of the given hypertables whose time slice overlaps [from, until), newest first.
-- Arrays, element by element: hypertable id, time dimension id, until and from in internal time (from may be null).
SELECT b.hypertable_id,
       ${chunk_schema}                                           AS chunk_schema,
       ${chunk_name}                                             AS chunk_name,
       ds.range_start,
       ds.range_end,
       c.status,
       ${compressed_relation}                                    AS compressed_relation,
       (SELECT jsonb_object_agg(d2.column_name, jsonb_build_array(s2.range_start, s2.range_end))
        FROM _timescaledb_catalog.chunk_constraint k2
        JOIN _timescaledb_catalog.dimension_slice s2 ON s2.id = k2.dimension_slice_id
        JOIN _timescaledb_catalog.dimension d2 ON d2.id = s2.dimension_id
        WHERE k2.chunk_id = c.id)::text                          AS slices,
       sp.range_start                                            AS space_start,
       sp.range_end                                              AS space_end
FROM unnest(CAST(? AS int[]), CAST(? AS int[]), CAST(? AS bigint[]), CAST(? AS bigint[]))
         AS b(hypertable_id, dimension_id, until_internal, from_internal)
JOIN _timescaledb_catalog.dimension_slice ds
  ON ds.dimension_id = b.dimension_id
 AND ds.range_start < b.until_internal
 AND (b.from_internal IS NULL OR ds.range_end > b.from_internal)
JOIN _timescaledb_catalog.chunk_constraint k ON k.dimension_slice_id = ds.id
JOIN _timescaledb_catalog.chunk c ON c.id = k.chunk_id AND c.hypertable_id = b.hypertable_id
LEFT JOIN LATERAL (SELECT s3.range_start, s3.range_end
                   FROM _timescaledb_catalog.chunk_constraint k3
                   JOIN _timescaledb_catalog.dimension_slice s3 ON s3.id = k3.dimension_slice_id
                   WHERE k3.chunk_id = c.id AND s3.dimension_id <> b.dimension_id
                   ORDER BY s3.dimension_id LIMIT 1) sp ON true
WHERE ${live_chunk} AND NOT c.osm_chunk
ORDER BY b.hypertable_id, ds.range_start DESC, c.id
