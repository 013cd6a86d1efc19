-- The compression settings that shape one chunk's compressed data (2.14+): its own row where the version keeps
-- one per chunk (keyed by the chunk, or before 2.18 by its compressed relation), else the hypertable's.
-- Parameters: chunk, compressed relation, hypertable (quoted text). to_jsonb reads 'index' where the version has it (2.18+).
SELECT s.segmentby, s.orderby, s.orderby_desc, s.orderby_nullsfirst, (to_jsonb(s) -> 'index')::text AS sparse_index
FROM _timescaledb_catalog.compression_settings s
WHERE s.relid IN (to_regclass({0}), to_regclass({1}), to_regclass({2}))
ORDER BY s.relid = to_regclass({2})
LIMIT 1
