INSERT INTO public.my_table SELECT t, extract(epoch FROM t) FROM generate_series(timestamptz '2015-12-28', '2016-01-05', '1 hour') t;
INSERT INTO public.other_table SELECT t, 1 FROM generate_series(timestamptz '2015-12-28', '2016-01-05', '1 hour') t;
INSERT INTO schema1.table_with_time_as_timestampz SELECT t, 1 FROM generate_series(timestamptz '2014-01-01', '2016-01-01', '1 day') t;
INSERT INTO schema1.table_with_time_as_bigint SELECT t, 1 FROM generate_series(0, 99999999, 100000) t;
INSERT INTO schema2.a SELECT t, 1 FROM generate_series(timestamptz '2015-06-01', '2017-06-01', '1 day') t;
INSERT INTO schema2.b SELECT t, 1 FROM generate_series(date '2015-06-01', date '2017-06-01', interval '1 day') t;
