package io.github.tsbackfill.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * TimescaleDB in Docker through Testcontainers. Images come from the system property
 * {@code backfill.test.images} (comma-separated, default {@code timescale/timescaledb:latest-pg17}); each image
 * is one server with one TimescaleDB version, so a mixed-version pair uses two containers.
 */
public final class ContainerProvider implements DatabaseProvider {

    public static final String IMAGES_PROPERTY = "backfill.test.images";
    private static final String DEFAULT_IMAGE = "timescale/timescaledb:latest-pg17";

    private List<PostgresServer> servers;

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public Optional<String> unavailableReason() {
        boolean socketHint = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        if (!socketHint || !DockerClientFactory.instance().isDockerAvailable()) {
            return Optional.of("no Docker engine answers");
        }
        return Optional.empty();
    }

    /** All images' servers; the role does not matter, the version picks the container. */
    @Override
    public synchronized TimescaleServer server(Role role) {
        if (servers == null) {
            servers = new ArrayList<>();
            for (String image : Arrays.stream(System.getProperty(IMAGES_PROPERTY, DEFAULT_IMAGE).split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList()) {
                servers.add(start(image));
            }
        }
        return new MultiServer(servers);
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    private PostgresServer start(String image) {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(
                DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300",
                        "-c", "timescaledb.telemetry_level=off");
        container.start();
        PostgresServer probe = new PostgresServer(name(), container.getHost(), container.getFirstMappedPort(),
                container.getUsername(), container.getPassword(), container.getDatabaseName(), List.of(), false);
        String version = probe.extensionVersion(container.getDatabaseName());
        return new PostgresServer(name() + ":" + image, container.getHost(), container.getFirstMappedPort(),
                container.getUsername(), container.getPassword(), container.getDatabaseName(), List.of(version), false);
    }
}
