-- For a dry run: the staged range (internal units, null = the chunk's edge) of those of the given chunks that
-- already have a task. Arrays: chunk schemas, chunk names.
SELECT t.chunk_schema, t.chunk_name, t.from_internal, t.until_internal
FROM __backfill.task t
JOIN unnest(CAST(? AS text[]), CAST(? AS text[])) AS s(cs, cn) ON t.chunk_schema = s.cs AND t.chunk_name = s.cn
