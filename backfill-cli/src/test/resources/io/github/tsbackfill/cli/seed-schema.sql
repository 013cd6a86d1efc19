-- The hypertables the seed's usage examples name.
CREATE TABLE public.my_table (time timestamptz NOT NULL, value double precision);
SELECT create_hypertable('public.my_table', 'time', chunk_time_interval => interval '1 day');
CREATE TABLE public.other_table (time timestamptz NOT NULL, value double precision);
SELECT create_hypertable('public.other_table', 'time', chunk_time_interval => interval '1 day');
CREATE SCHEMA schema1;
CREATE TABLE schema1.table_with_time_as_timestampz (time timestamptz NOT NULL, value integer);
SELECT create_hypertable('schema1.table_with_time_as_timestampz', 'time', chunk_time_interval => interval '100 days');
CREATE TABLE schema1.table_with_time_as_bigint (time bigint NOT NULL, value integer);
SELECT create_hypertable('schema1.table_with_time_as_bigint', 'time', chunk_time_interval => 10000000);
CREATE SCHEMA schema2;
CREATE TABLE schema2.a (time timestamptz NOT NULL, value integer);
SELECT create_hypertable('schema2.a', 'time', chunk_time_interval => interval '100 days');
CREATE TABLE schema2.b (time date NOT NULL, value integer);
SELECT create_hypertable('schema2.b', 'time', chunk_time_interval => interval '100 days');
