package io.github.tsbackfill.internal;

/** A live column of a relation, as the catalog describes it; see {@code columns.sql}. */
record Column(String name, String type, boolean binarySafe, boolean nativelyOrdered, boolean hasExactSum) {
}
