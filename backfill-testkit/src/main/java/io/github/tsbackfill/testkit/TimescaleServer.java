package io.github.tsbackfill.testkit;

import java.util.List;
import java.util.Set;

/** A running PostgreSQL server that hands out fresh databases with TimescaleDB installed. */
public interface TimescaleServer {

    /** Human-readable description, e.g. {@code local-debian 127.0.0.1:41234}. */
    String describe();

    /** TimescaleDB versions this server can install, oldest first. */
    List<String> versions();

    /** Capabilities of the given version on this server. */
    Set<Capability> capabilities(String version);

    /** A new, empty database with TimescaleDB {@code version} installed. */
    TestDatabase createDatabase(String version);

    /** Drops a database created by {@link #createDatabase}, disconnecting any session still on it. */
    void drop(TestDatabase database);
}
