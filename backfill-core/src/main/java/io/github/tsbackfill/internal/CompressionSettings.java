package io.github.tsbackfill.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What shapes a chunk's compressed data: segmentby columns, orderby columns with direction and null placement, and
 * the sparse index definition where the version stores one (null where it does not). Compressed rows mean the
 * same on two sides only when these are equal.
 */
record CompressionSettings(List<String> segmentBy, List<String> orderBy, List<Boolean> orderByDesc,
                           List<Boolean> orderByNullsFirst, String sparseIndex) {

    CompressionSettings {
        segmentBy = List.copyOf(segmentBy);
        orderBy = List.copyOf(orderBy);
        orderByDesc = List.copyOf(orderByDesc);
        orderByNullsFirst = List.copyOf(orderByNullsFirst);
    }

    /** Where {@code other} (the target's) would read this side's compressed data differently, in words. */
    Optional<String> difference(CompressionSettings other) {
        List<String> differences = new ArrayList<>();
        if (!segmentBy.equals(other.segmentBy)) {
            differences.add("segmentby (" + String.join(",", segmentBy) + ") vs (" + String.join(",", other.segmentBy) + ")");
        }
        if (!orderBy.equals(other.orderBy) || !orderByDesc.equals(other.orderByDesc)
                || !orderByNullsFirst.equals(other.orderByNullsFirst)) {
            differences.add("orderby (" + orderByText() + ") vs (" + other.orderByText() + ")");
        }
        // A version without sparse index settings shows them in its compressed columns, compared separately.
        if (sparseIndex != null && other.sparseIndex != null && !Objects.equals(sparseIndex, other.sparseIndex)) {
            differences.add("sparse index " + sparseIndex + " vs " + other.sparseIndex);
        }
        return differences.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", differences));
    }

    /** {@code ts DESC NULLS FIRST, id}: the orderby as ALTER TABLE ... SET (compress_orderby) spells it. */
    String orderByText() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < orderBy.size(); i++) {
            boolean desc = orderByDesc.get(i);
            boolean nullsFirst = orderByNullsFirst.get(i);
            // PostgreSQL's default: NULLS LAST ascending, NULLS FIRST descending.
            parts.add(orderBy.get(i) + (desc ? " DESC" : "") + (nullsFirst == desc ? "" : nullsFirst ? " NULLS FIRST" : " NULLS LAST"));
        }
        return String.join(", ", parts);
    }
}
