-- Compression state of one chunk, given by schema and name: status bits, its compressed relation (if any) and its
-- hypertable.
SELECT c.status, ${compressed_relation} AS compressed_relation,
       (SELECT format('%I.%I', h.schema_name, h.table_name) FROM _timescaledb_catalog.hypertable h
        WHERE h.id = c.hypertable_id) AS hypertable
FROM _timescaledb_catalog.chunk c
WHERE ${chunk_is}
