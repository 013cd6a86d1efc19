package io.github.tsbackfill.testkit;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Servers named by {@code BACKFILL_TEST_SOURCE_URL} and {@code BACKFILL_TEST_TARGET_URL}
 * ({@code postgres://user:password@host:port/db}). The role must be allowed to create databases: every test
 * gets fresh ones, made from a per-version template on that server.
 */
public final class EnvUrlProvider implements DatabaseProvider {

    public static final String SOURCE_VARIABLE = "BACKFILL_TEST_SOURCE_URL";
    public static final String TARGET_VARIABLE = "BACKFILL_TEST_TARGET_URL";

    private final Map<Role, PostgresServer> servers = new LinkedHashMap<>();

    @Override
    public String name() {
        return "env";
    }

    @Override
    public Optional<String> unavailableReason() {
        if (isBlank(System.getenv(SOURCE_VARIABLE)) || isBlank(System.getenv(TARGET_VARIABLE))) {
            return Optional.of(SOURCE_VARIABLE + " and " + TARGET_VARIABLE + " are not both set");
        }
        return Optional.empty();
    }

    @Override
    public synchronized TimescaleServer server(Role role) {
        return servers.computeIfAbsent(role, r -> connect(System.getenv(
                r == Role.SOURCE ? SOURCE_VARIABLE : TARGET_VARIABLE)));
    }

    private PostgresServer connect(String url) {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        String[] userInfo = Optional.ofNullable(uri.getUserInfo()).orElse("postgres").split(":", 2);
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String password = userInfo.length > 1 ? userInfo[1] : Optional.ofNullable(System.getenv("PGPASSWORD")).orElse("");
        // The server's default TimescaleDB version is the one it offers.
        PostgresServer probe = new PostgresServer(name(), uri.getHost(), port, userInfo[0], password, database,
                List.of(), false);
        String version = probe.extensionVersion(database);
        return new PostgresServer(name(), uri.getHost(), port, userInfo[0], password, database, List.of(version), false);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
