package io.github.tsbackfill.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The standard fixture: hypertables with every supported time type, a space dimension, many column types,
 * hostile identifiers, a column dropped on the source only (attribute numbers differ), and, where both sides
 * support it, compressed chunks with one partially compressed chunk.
 *
 * <pre>{@code
 * Fixtures.Installed fixture = Fixtures.install(db);   // schema on both sides, data on the source
 * FixtureHypertable cpu = fixture.get("metrics", "cpu");
 * }</pre>
 */
public final class Fixtures {

    private static final String RESOURCES = "fixtures/";

    private Fixtures() {
    }

    /** Creates the schema on source and target and fills the source. Compresses when both sides can. */
    public static Installed install(DatabasePair db) {
        boolean compression = db.source().has(Capability.COMPRESSION) && db.target().has(Capability.COMPRESSION);
        return install(db, compression);
    }

    /** As {@link #install(DatabasePair)}, choosing whether to compress (requires both sides to support it). */
    public static Installed install(DatabasePair db, boolean compression) {
        createSchema(db.source(), true, compression);
        createSchema(db.target(), false, compression);
        run(db.source(), "data.sql");
        if (compression) {
            run(db.source(), "compress.sql");
        }
        run(db.source(), "late-rows.sql");
        return new Installed(expected(compression), compression);
    }

    /** Only the schema (no data), e.g. for a target prepared by hand. */
    public static void createSchema(TestDatabase database, boolean isSource, boolean compression) {
        run(database, "schema.sql");
        if (isSource) {
            run(database, "source-drift.sql");
        }
        run(database, "schema-late.sql");
        if (compression) {
            run(database, "compression.sql");
        }
    }

    private static List<FixtureHypertable> expected(boolean compression) {
        return List.of(
                // 10 days x 144 ten-minute steps x 4 devices, plus 10 late rows; days 1-6 compressed.
                new FixtureHypertable("metrics", "cpu", "ts", "timestamp with time zone", 5770, 10,
                        compression ? 6 : 0),
                new FixtureHypertable("metrics", "readings", "ts", "timestamp without time zone", 480, 10, 0),
                // 100 days x 3 sites in weekly chunks aligned on the epoch (a Thursday).
                new FixtureHypertable("metrics", "daily", "day", "date", 300, 15, 0),
                new FixtureHypertable("metrics", "events_big", "at", "bigint", 3334, 10, 0),
                new FixtureHypertable("metrics", "events_int", "at", "integer", 1000, 10, 0),
                // 5 days x 2 hash partitions.
                new FixtureHypertable("metrics", "space", "ts", "timestamp with time zone", 480, 10, 0),
                new FixtureHypertable("Odd Schema", "Tëst \"Table\"", "Time", "timestamp with time zone", 72, 3,
                        compression ? 1 : 0));
    }

    private static void run(TestDatabase database, String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(RESOURCES + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture resource " + resource);
            }
            database.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@link #install} created. */
    public record Installed(List<FixtureHypertable> hypertables, boolean compressed) {

        public FixtureHypertable get(String schema, String table) {
            return find(schema, table).orElseThrow(() -> new IllegalArgumentException(
                    "no fixture hypertable " + schema + "." + table));
        }

        public Optional<FixtureHypertable> find(String schema, String table) {
            return hypertables.stream().filter(h -> h.schema().equals(schema) && h.table().equals(table)).findFirst();
        }

        public long totalRows() {
            return hypertables.stream().mapToLong(FixtureHypertable::rows).sum();
        }
    }
}
