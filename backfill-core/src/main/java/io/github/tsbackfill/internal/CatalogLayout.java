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
     * Text fragments substituted into the catalog {@code .sql} resources (fixed SQL, never user input):
     * {@code ${fn}}, {@code ${chunk_schema}}, {@code ${chunk_name}}, {@code ${chunk_is}} (two parameters: schema, name), {@code ${live_chunk}},
     * {@code ${compressed_relation}}.
     */
    Map<String, String> fragments() {
        return Map.of(
                "fn", functionsSchema(),
                "chunk_schema", chunkNamedByRelid()
                        ? "(SELECT n.nspname FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace WHERE r.oid = c.relid)"
                        : "c.schema_name",
                "chunk_name", chunkNamedByRelid()
                        ? "(SELECT r.relname FROM pg_class r WHERE r.oid = c.relid)"
                        : "c.table_name",
                "chunk_is", chunkNamedByRelid()
                        ? "c.relid = to_regclass(format('%I.%I', CAST(? AS text), CAST(? AS text)))"
                        : "c.schema_name = ? AND c.table_name = ?",
                "live_chunk", chunkHasDroppedFlag() ? "NOT c.dropped" : "true",
                "compressed_relation", compressedChunkTracked()
                        ? "(SELECT format('%I.%I', z.schema_name, z.table_name) FROM _timescaledb_catalog.chunk z WHERE z.id = c.compressed_chunk_id)"
                        : "(SELECT s.compress_relid::text FROM _timescaledb_catalog.compression_settings s WHERE s.relid = c.relid)");
    }

    /**
     * Whether compressed data written by {@code source} can be stored as is by {@code target}: a newer
     * TimescaleDB reads every older compression format (upgrades depend on it); an older one may not.
     */
    public static boolean compressedFormatReadable(CatalogLayout source, CatalogLayout target) {
        return target.atLeast(source.major, source.minor);
    }
}
