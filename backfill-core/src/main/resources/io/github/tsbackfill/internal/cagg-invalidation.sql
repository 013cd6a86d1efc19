-- Stops this transaction from recording continuous-aggregate invalidations for the chunk it fills. Returns the
-- chunk's invalidation trigger as CREATE TRIGGER text (TimescaleDB versions that track changes by trigger: the
-- caller drops it and puts it back before commit), or null. Versions that track changes without a trigger offer
-- a setting to skip the tracking, switched on here for this transaction only.
SELECT (SELECT pg_get_triggerdef(t.oid)
        FROM pg_trigger t
        WHERE t.tgrelid = CAST(? AS regclass) AND t.tgname = 'ts_cagg_invalidation_trigger') AS trigger_definition,
       (SELECT set_config(s.name, 'on', true)
        FROM pg_settings s
        WHERE s.name = 'timescaledb.skip_cagg_invalidation')                                 AS skipping
