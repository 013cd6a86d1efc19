package io.github.tsbackfill.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogLayoutTest {

    @Test
    void functionsMovedToTheirOwnSchemaIn212() {
        assertThat(CatalogLayout.of("2.11.2").functionsSchema()).isEqualTo("_timescaledb_internal");
        assertThat(CatalogLayout.of("2.12.0").functionsSchema()).isEqualTo("_timescaledb_functions");
        assertThat(CatalogLayout.of("2.29.2").functionsSchema()).isEqualTo("_timescaledb_functions");
    }

    @Test
    void chunksLostTheirNamesIn229() {
        assertThat(CatalogLayout.of("2.28.1").chunkNamedByRelid()).isFalse();
        assertThat(CatalogLayout.of("2.29.0").chunkNamedByRelid()).isTrue();
        assertThat(CatalogLayout.of("2.28.1").fragments().get("chunk_name")).isEqualTo("c.table_name");
        assertThat(CatalogLayout.of("2.29.2").fragments().get("chunk_name")).contains("c.relid");
    }

    @Test
    void copyIntoAChunkIgnoresFreezeFrom223() {
        assertThat(CatalogLayout.of("2.13.1").chunkCopyCanFreeze()).isTrue();
        assertThat(CatalogLayout.of("2.22.1").chunkCopyCanFreeze()).isTrue();
        assertThat(CatalogLayout.of("2.23.0").chunkCopyCanFreeze()).isFalse();
    }

    @Test
    void droppedFlagExistedUntil225() {
        assertThat(CatalogLayout.of("2.25.3").chunkHasDroppedFlag()).isTrue();
        assertThat(CatalogLayout.of("2.26.0").chunkHasDroppedFlag()).isFalse();
        assertThat(CatalogLayout.of("2.19.3").fragments().get("live_chunk")).isEqualTo("NOT c.dropped");
        assertThat(CatalogLayout.of("2.26.0").fragments().get("live_chunk")).isEqualTo("true");
    }

    @Test
    void compressedChunksAreFoundThroughTheirLinkOfTheVersion() {
        assertThat(CatalogLayout.of("2.22.1").compressedChunkTracked()).isTrue();
        assertThat(CatalogLayout.of("2.22.1").fragments().get("compressed_relation")).contains("compressed_chunk_id");
        assertThat(CatalogLayout.of("2.29.2").compressedChunkTracked()).isFalse();
        assertThat(CatalogLayout.of("2.29.2").fragments().get("compressed_relation")).contains("compress_relid");
    }

    @Test
    void compressedDataGoesOnlyToTheSameOrANewerVersion() {
        CatalogLayout old = CatalogLayout.of("2.22.1");
        CatalogLayout newer = CatalogLayout.of("2.29.2");
        assertThat(CatalogLayout.compressedFormatReadable(old, newer)).isTrue();
        assertThat(CatalogLayout.compressedFormatReadable(old, old)).isTrue();
        assertThat(CatalogLayout.compressedFormatReadable(newer, old)).isFalse();
        assertThat(CatalogLayout.compressedFormatReadable(CatalogLayout.of("2.22.0"), old)).isTrue();
    }

    @Test
    void caggBucketWidthsComeFromTheBucketFunctionTableFrom215() {
        CatalogLayout before = CatalogLayout.of("2.14.2");
        CatalogLayout after = CatalogLayout.of("2.15.0");
        assertThat(before.caggBucketsDescribedByFunction()).isFalse();
        assertThat(before.fragments().get("bucket_width")).contains("a.bucket_width * interval '1 microsecond'");
        assertThat(before.fragments().get("bucket_origin")).isEqualTo("nullif(f.origin, '')");
        assertThat(before.fragments().get("bucket_offset")).isEqualTo("CAST(NULL AS text)");
        assertThat(after.caggBucketsDescribedByFunction()).isTrue();
        assertThat(after.fragments().get("bucket_width")).isEqualTo("f.bucket_width");
        assertThat(after.fragments().get("bucket_origin")).isEqualTo("f.bucket_origin");
        assertThat(after.fragments().get("bucket_timezone")).isEqualTo("f.bucket_timezone");
    }

    @Test
    void refreshesCanBeForcedFrom218() {
        assertThat(CatalogLayout.of("2.17.2").refreshCanForce()).isFalse();
        assertThat(CatalogLayout.of("2.18.0").refreshCanForce()).isTrue();
    }

    @Test
    void parsesDevelopmentVersions() {
        CatalogLayout dev = CatalogLayout.of("2.23.0-dev");
        assertThat(dev.major()).isEqualTo(2);
        assertThat(dev.minor()).isEqualTo(23);
        assertThat(dev.patch()).isZero();
    }
}
