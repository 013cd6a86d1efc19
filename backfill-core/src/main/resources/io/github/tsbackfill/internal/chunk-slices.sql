-- The slices of every chunk of one hypertable (parameter: its id), as create_chunk JSON text: jsonb prints
-- canonically, so the text equals the source's for a chunk with the same slices.
SELECT jsonb_object_agg(d.column_name, jsonb_build_array(s.range_start, s.range_end))::text AS slices
FROM _timescaledb_catalog.chunk c
JOIN _timescaledb_catalog.chunk_constraint k ON k.chunk_id = c.id AND k.dimension_slice_id IS NOT NULL
JOIN _timescaledb_catalog.dimension_slice s ON s.id = k.dimension_slice_id
JOIN _timescaledb_catalog.dimension d ON d.id = s.dimension_id
WHERE c.hypertable_id = ? AND ${live_chunk}
GROUP BY c.id
