-- Live columns of a relation (given as text, e.g. '"s"."t"'), in attribute order, with what copy and verify need:
-- binary_safe: binary COPY works across databases (send/receive exist; no array or composite of a user-defined
--   type, whose binary form carries OIDs that differ between databases);
-- natively_ordered: min()/max() of the values are one well-defined text (values that compare equal print the
--   same: integers, date and time stamps, enums, and domains over them); other types are compared by the
--   min/max of their text form, which every type has;
-- has_exact_sum: sum() is exact (integers, numeric, interval, money), domains by their base type.
SELECT a.attname::text                          AS column_name,
       format_type(a.atttypid, a.atttypmod)     AS column_type,
       t.typsend <> 0 AND t.typreceive <> 0
         AND NOT (t.typcategory = 'A' AND t.typelem >= 16384)
         AND t.typtype <> 'c'                   AS binary_safe,
       b.typtype = 'e' OR b.oid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'date'::regtype,
                 'timestamp'::regtype, 'timestamptz'::regtype, 'time'::regtype)
                                                AS natively_ordered,
       b.oid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype,
                 'interval'::regtype, 'money'::regtype) AS has_exact_sum
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
WHERE a.attrelid = CAST(CAST(? AS text) AS regclass) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
