package io.github.tsbackfill.internal;

/** A relation's schema and name, unquoted. */
record Relation(String schema, String name) {
}
