-- Live columns of a relation (given as text, e.g. '"s"."t"'), in attribute order, with what copy and verify need:
-- binary_safe: binary COPY works across databases (send/receive exist; no array or composite of a user-defined
--   type, whose binary form carries OIDs that differ between databases);
-- has_min_max: min()/max() exist for the type; has_exact_sum: sum() is exact (no floating point).
SELECT a.attname::text                          AS column_name,
       format_type(a.atttypid, a.atttypmod)     AS column_type,
       t.typsend <> 0 AND t.typreceive <> 0
         AND NOT (t.typcategory = 'A' AND t.typelem >= 16384)
         AND t.typtype <> 'c'                   AS binary_safe,
       t.typcollation <> 0                      AS collatable,
       EXISTS (SELECT 1 FROM pg_proc p
               WHERE p.proname = 'min' AND p.prokind = 'a' AND p.pronamespace = 'pg_catalog'::regnamespace
                 AND p.proargtypes[0] = CASE WHEN t.typtype = 'e' THEN 'anyenum'::regtype
                                             WHEN t.typcategory = 'A' THEN 'anyarray'::regtype
                                             WHEN t.typcategory = 'S' THEN 'text'::regtype
                                             ELSE t.oid END) AS has_min_max,
       t.oid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype,
                 'interval'::regtype, 'money'::regtype) AS has_exact_sum
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
WHERE a.attrelid = CAST(CAST(? AS text) AS regclass) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
