package io.github.tsbackfill.internal;

import java.util.Map;

/**
 * The one place that maps a TimescaleDB version to what differs in its catalog. The rest of the code asks
 * this class, never the version number.
 */
public record CatalogLayout(String version, int major, int minor, int patch) {

    public static CatalogLayout of(String version) {
        String[] parts = version.split("[.-]");
        return new CatalogLayout(version, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                parts.length > 2 && parts[2].chars().allMatch(Character::isDigit) ? Integer.parseInt(parts[2]) : 0);
    }

    boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    /** Internal functions moved from {@code _timescaledb_internal} to {@code _timescaledb_functions} in 2.12. */
    public String functionsSchema() {
        return atLeast(2, 12) ? "_timescaledb_functions" : "_timescaledb_internal";
    }

    /** 2.29 dropped {@code chunk.schema_name/table_name}; a chunk is named only through {@code chunk.relid}. */
    public boolean chunkNamedByRelid() {
        return atLeast(2, 29);
    }

    /** {@code chunk.dropped} existed until 2.25; dropped chunks of caggs stayed in the catalog. */
    public boolean chunkHasDroppedFlag() {
        return !atLeast(2, 26);
    }

    /**
     * Up to 2.28 a compressed chunk is a chunk of an internal hypertable, linked by
     * {@code chunk.compressed_chunk_id}; from 2.29 only {@code compression_settings.compress_relid} links it.
     */
    public boolean compressedChunkTracked() {
        return !atLeast(2, 29);
    }

    /**
     * From 2.14 compression settings live in {@code compression_settings}, one row per hypertable and per compressed
     * chunk; before, in {@code hypertable_compression}, one row per hypertable column.
     */
    public boolean compressionSettingsPerRelation() {
        return atLeast(2, 14);
    }

    /**
     * From 2.15 every continuous aggregate's bucket is described in {@code continuous_aggs_bucket_function}; before,
     * fixed widths were {@code continuous_agg.bucket_width} in internal units and only variable ones had a row.
     */
    public boolean caggBucketsDescribedByFunction() {
        return atLeast(2, 15);
    }

    /**
     * {@code refresh_continuous_aggregate(..., force => true)} (2.18+; 2.17.2 has no such argument, found by the
     * PostgreSQL 15 matrix) recomputes a window even where no change was recorded. Where it exists, copy keeps its
     * writes out of invalidation tracking and refresh-caggs forces the backfilled windows; before, copy leaves
     * tracking on and refresh-caggs processes what it recorded.
     */
    public boolean refreshCanForce() {
        return atLeast(2, 18);
    }

    /**
     * Whether {@code COPY chunk ... FREEZE} writes frozen rows. From 2.23 TimescaleDB runs a COPY into a chunk
     * through its own code (timescaledb#8734), which ignores FREEZE without a word: measured on 2.29.2, nothing frozen.
     */
    public boolean chunkCopyCanFreeze() {
        return !atLeast(2, 23);
    }

    /**
     * Text fragments substituted into the catalog {@code .sql} resources (fixed SQL, never user input):
     * {@code ${fn}}, {@code ${chunk_schema}}, {@code ${chunk_name}}, {@code ${chunk_is}} (two parameters: schema, name), {@code ${live_chunk}},
     * {@code ${compressed_relation}}, {@code ${bucket_width}}, {@code ${bucket_origin}},
     * {@code ${bucket_offset}} and {@code ${bucket_timezone}} (continuous aggregate {@code a}, its time dimension
     * {@code d}, its bucket function row {@code f}).
     */
    Map<String, String> fragments() {
        boolean described = caggBucketsDescribedByFunction();
        return Map.ofEntries(
                Map.entry("fn", functionsSchema()),
                Map.entry("chunk_schema", chunkNamedByRelid()
                        ? "(SELECT n.nspname FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace WHERE r.oid = c.relid)"
                        : "c.schema_name"),
                Map.entry("chunk_name", chunkNamedByRelid()
                        ? "(SELECT r.relname FROM pg_class r WHERE r.oid = c.relid)"
                        : "c.table_name"),
                Map.entry("chunk_is", chunkNamedByRelid()
                        ? "c.relid = to_regclass(format('%I.%I', CAST(? AS text), CAST(? AS text)))"
                        : "c.schema_name = ? AND c.table_name = ?"),
                Map.entry("live_chunk", chunkHasDroppedFlag() ? "NOT c.dropped" : "true"),
                Map.entry("compressed_relation", compressedChunkTracked()
                        ? "(SELECT format('%I.%I', z.schema_name, z.table_name) FROM _timescaledb_catalog.chunk z WHERE z.id = c.compressed_chunk_id)"
                        : "(SELECT s.compress_relid::text FROM _timescaledb_catalog.compression_settings s WHERE s.relid = c.relid)"),
                Map.entry("bucket_width", described
                        ? "f.bucket_width"
                        : "coalesce(f.bucket_width, CASE WHEN d.column_type IN ('smallint'::regtype, 'integer'::regtype, "
                          + "'bigint'::regtype) THEN CAST(a.bucket_width AS text) "
                          + "ELSE CAST(a.bucket_width * interval '1 microsecond' AS text) END)"),
                // Before 2.15 only variable buckets had a row, with '' for what the user left out, and no offset.
                Map.entry("bucket_origin", described ? "f.bucket_origin" : "nullif(f.origin, '')"),
                Map.entry("bucket_offset", described ? "f.bucket_offset" : "CAST(NULL AS text)"),
                Map.entry("bucket_timezone", described ? "f.bucket_timezone" : "nullif(f.timezone, '')"));
    }

    /**
     * Whether compressed data written by {@code source} can be stored as is by {@code target}: a newer
     * TimescaleDB reads every older compression format (upgrades depend on it); an older one may not.
     */
    public static boolean compressedFormatReadable(CatalogLayout source, CatalogLayout target) {
        return target.atLeast(source.major, source.minor);
    }
}
