-- Each continuous aggregate's watermark (internal units): where its materialized rows end and, in a real-time
-- cagg, live aggregation of the raw data begins. Kept in a catalog table since TimescaleDB 2.11.
SELECT a.user_view_schema, a.user_view_name, w.watermark
FROM _timescaledb_catalog.continuous_agg a
JOIN _timescaledb_catalog.continuous_aggs_watermark w ON w.mat_hypertable_id = a.mat_hypertable_id
