package io.github.tsbackfill.testkit;

import java.util.Optional;

/** One way of obtaining real TimescaleDB servers; see {@link Providers} for the resolution order. */
public interface DatabaseProvider {

    /** Short name shown in test names and reports: {@code env}, {@code docker}, {@code local-debian}. */
    String name();

    /** Why this provider cannot serve on this machine, or empty when it can. Must be cheap. */
    Optional<String> unavailableReason();

    /** The server that plays the given role; started on first use and kept for the JVM's lifetime. */
    TimescaleServer server(Role role);

    /** Source and target may live on one server or two. */
    enum Role { SOURCE, TARGET }
}
