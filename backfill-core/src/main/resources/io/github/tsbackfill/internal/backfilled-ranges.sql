-- What copy has written, per target hypertable: the copied tasks' time ranges (internal units) merged into
-- disjoint ranges. A task's null bound is its chunk's edge.
SELECT h.id AS hypertable_id, lower(r) AS range_start, upper(r) AS range_end
FROM (SELECT hypertable_schema, hypertable_name,
             range_agg(int8range(coalesce(from_internal, CAST(dimensions -> time_column ->> 0 AS bigint)),
                                 coalesce(until_internal, CAST(dimensions -> time_column ->> 1 AS bigint)))) AS ranges
      FROM __backfill.task
      WHERE worked IS NOT NULL
      GROUP BY hypertable_schema, hypertable_name) t
JOIN _timescaledb_catalog.hypertable h ON h.schema_name = t.hypertable_schema AND h.table_name = t.hypertable_name
CROSS JOIN LATERAL unnest(t.ranges) r
ORDER BY h.id, lower(r)
