-- Compression state of one chunk, given by schema and name: status bits and its compressed relation, if any.
SELECT c.status, ${compressed_relation} AS compressed_relation
FROM _timescaledb_catalog.chunk c
WHERE ${chunk_is}
