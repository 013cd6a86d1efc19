package io.github.tsbackfill.testkit;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Several single-version servers seen as one: a version picks the server that has it. */
public final class MultiServer implements TimescaleServer {

    private final List<? extends TimescaleServer> servers;

    public MultiServer(List<? extends TimescaleServer> servers) {
        this.servers = List.copyOf(servers);
    }

    @Override
    public String describe() {
        return servers.stream().map(TimescaleServer::describe).collect(Collectors.joining(", "));
    }

    @Override
    public List<String> versions() {
        return servers.stream().flatMap(s -> s.versions().stream()).distinct().sorted(Versions::compare).toList();
    }

    @Override
    public Set<Capability> capabilities(String version) {
        return serverFor(version).capabilities(version);
    }

    @Override
    public TestDatabase createDatabase(String version) {
        return serverFor(version).createDatabase(version);
    }

    @Override
    public void drop(TestDatabase database) {
        serverFor(database.timescaleVersion()).drop(database);
    }

    private TimescaleServer serverFor(String version) {
        return servers.stream().filter(s -> s.versions().contains(version)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server has TimescaleDB " + version
                        + "; available: " + versions()));
    }
}
