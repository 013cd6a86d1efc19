package io.github.tsbackfill.testkit;

/** The two fresh databases a backfill test works on. */
public record DatabasePair(TestDatabase source, TestDatabase target) {

    @Override
    public String toString() {
        return source.describe() + " -> " + target.describe();
    }
}
