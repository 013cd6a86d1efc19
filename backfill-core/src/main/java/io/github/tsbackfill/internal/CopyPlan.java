package io.github.tsbackfill.internal;

import io.github.tsbackfill.CopyMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How one chunk travels, and why. Decided from facts only, so every combination is unit-tested; {@link ChunkCopier}
 * carries it out. Compressed rows travel as they are only when the target is proven to read them as the source
 * does: a format it knows, ordered batches, and the same segmentby, orderby and sparse index settings and
 * compressed columns. Anything else takes the slower safe path, with the reason stored in the task.
 */
record CopyPlan(CopyMode mode, String reason) {

    /**
     * What is known before the target chunk is touched.
     *
     * @param targetCaggs continuous aggregates on the target read this hypertable
     */
    record Situation(boolean routed, boolean filtered, ChunkState source, CatalogLayout sourceLayout,
                     CatalogLayout targetLayout, boolean targetCompresses, boolean targetCaggs) {
    }

    static CopyPlan rows(String reason) {
        return new CopyPlan(CopyMode.ROWS, reason);
    }

    static CopyPlan recompressed(String reason) {
        return new CopyPlan(CopyMode.RECOMPRESSED, reason);
    }

    /**
     * The plan as far as it can be decided before the target chunk is compressed: {@link CopyMode#COMPRESSED} here
     * is a candidate that {@link #confirm} must still accept.
     */
    static CopyPlan decide(Situation s) {
        if (!s.source().compressed()) {
            return rows(null);
        }
        if (s.routed()) {
            return rows("the target cannot create chunks (Apache build): rows routed through the hypertable");
        }
        if (!s.targetCompresses()) {
            return rows("compression is not enabled on the target hypertable: rows copied uncompressed");
        }
        if (s.filtered()) {
            return rows("compressed chunk only partly in range: the rows in range copied uncompressed");
        }
        if (!CatalogLayout.compressedFormatReadable(s.sourceLayout(), s.targetLayout())) {
            return recompressed("TimescaleDB " + s.targetLayout().version() + " on the target may not read compressed "
                    + "data of " + s.sourceLayout().version() + ": rows compressed on the target");
        }
        if (s.targetCaggs() && !s.targetLayout().refreshCanForce()) {
            return recompressed("TimescaleDB " + s.targetLayout().version() + " on the target cannot force a continuous "
                    + "aggregate refresh, and compressed data copied as is records no invalidation: rows compressed on "
                    + "the target, so that refresh-caggs sees them");
        }
        if (s.source().unordered()) {
            return recompressed("the source chunk is unordered (batches not in orderby order): rows compressed on the "
                    + "target");
        }
        return new CopyPlan(CopyMode.COMPRESSED, null);
    }

    /**
     * The final word on a compressed candidate, once the empty target chunk has been compressed with the target's
     * settings: the source's settings (empty when unreadable) and compressed columns against the target's.
     */
    static CopyPlan confirm(Optional<CompressionSettings> source, CompressionSettings target,
                            List<Column> sourceCompressed, List<Column> targetCompressed) {
        if (source.isEmpty()) {
            return recompressed("the source chunk's compression settings cannot be read: rows compressed on the target");
        }
        Optional<String> settings = source.get().difference(target);
        if (settings.isPresent()) {
            return recompressed("compression settings differ (source vs target): " + settings.get()
                    + ": rows compressed on the target");
        }
        Map<String, String> from = shape(sourceCompressed);
        Map<String, String> to = shape(targetCompressed);
        if (!from.equals(to)) {
            return recompressed("compressed columns differ (source vs target): " + from + " vs " + to
                    + ": rows compressed on the target");
        }
        return new CopyPlan(CopyMode.COMPRESSED, null);
    }

    private static Map<String, String> shape(List<Column> columns) {
        return columns.stream().collect(Collectors.toMap(Column::name, Column::type, (a, b) -> a, TreeMap::new));
    }
}
