-- The target hypertables that have tasks and every continuous aggregate built on them, directly or through other
-- aggregates (their materialization hypertables): the policy jobs on these would drop, compress, reorder or
-- materialize chunks the backfill is writing.
WITH RECURSIVE staged AS (
    SELECT DISTINCT hypertable_schema, hypertable_name FROM __backfill.task
), tree AS (
    SELECT h.id
    FROM _timescaledb_catalog.hypertable h
    JOIN staged s ON s.hypertable_schema = h.schema_name AND s.hypertable_name = h.table_name
    UNION
    SELECT a.mat_hypertable_id
    FROM _timescaledb_catalog.continuous_agg a
    JOIN staged s ON s.hypertable_schema = a.user_view_schema AND s.hypertable_name = a.user_view_name
    UNION
    SELECT a.mat_hypertable_id
    FROM _timescaledb_catalog.continuous_agg a
    JOIN tree t ON a.raw_hypertable_id = t.id
)
SELECT id FROM tree
