-- For each internal time value, the start of the continuous aggregate's bucket holding it and the first bucket edge
-- at or after it, both in internal units. Parameters: bucket width, time zone, origin, offset, values. Buckets are
-- cut in the aggregate's time zone, in UTC for timestamp and date columns (whose internal values count from UTC
-- midnight); 1.5 widths past a bucket's start always lands in the next bucket, months and time zones included.
SELECT b.f AS bucket_start,
       CASE WHEN b.f = v.v THEN v.v
            ELSE ${fn}.to_unix_microseconds(time_bucket(p.width, ${fn}.to_timestamp(b.f) + p.width * 1.5,
                                                        p.tz, p.origin, p.shift)) END AS next_edge
FROM (SELECT CAST(? AS interval) AS width, coalesce(CAST(? AS text), 'UTC') AS tz,
             CAST(? AS timestamptz) AS origin, CAST(? AS interval) AS shift) p
CROSS JOIN LATERAL unnest(CAST(? AS bigint[])) WITH ORDINALITY AS v(v, n)
CROSS JOIN LATERAL (SELECT ${fn}.to_unix_microseconds(time_bucket(p.width, ${fn}.to_timestamp(v.v), p.tz, p.origin,
                                                                  p.shift)) AS f) b
ORDER BY v.n
