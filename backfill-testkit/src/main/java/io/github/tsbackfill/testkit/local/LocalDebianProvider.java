package io.github.tsbackfill.testkit.local;

import io.github.tsbackfill.testkit.DatabaseProvider;
import io.github.tsbackfill.testkit.MultiServer;
import io.github.tsbackfill.testkit.PostgresServer;
import io.github.tsbackfill.testkit.TimescaleServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Real TimescaleDB without Docker: Debian trixie's PostgreSQL 17 + TimescaleDB 2.19.3 in a debootstrap root, plus
 * the Timescale-License builds overlaid into it where the project's shared directory has them; and, where it has
 * the PostgreSQL 15 builds, a Debian bookworm root with PostgreSQL 15 for old sources. Needs Linux and root
 * (debootstrap and chroot). Versions are named with their server ({@code 2.29.2@pg17}, {@code 2.13.1@pg15}); one
 * cluster per root serves source and target databases of each of its versions.
 */
public final class LocalDebianProvider implements DatabaseProvider {

    private final DebianRoot root = DebianRoot.locate();
    private final DebianRoot oldRoot = DebianRoot.locate(DebianRoot.Flavor.PG15_BOOKWORM);
    private TimescaleServer server;

    @Override
    public String name() {
        return "local-debian";
    }

    @Override
    public Optional<String> unavailableReason() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of("local-debian needs Linux (debootstrap + chroot)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("local-debian needs root for debootstrap and chroot (running as "
                    + System.getProperty("user.name") + ")");
        }
        return Optional.empty();
    }

    /** The TSL builds this provider overlays, if the project's shared directory is present. */
    public DebianRoot root() {
        return root;
    }

    @Override
    public synchronized TimescaleServer server(Role role) {
        if (server == null) {
            List<TimescaleServer> servers = new ArrayList<>(List.of(start(root)));
            if (oldRoot.hasTslBuilds()) {
                servers.add(start(oldRoot));
            }
            server = new MultiServer(servers);
        }
        return server;
    }

    private PostgresServer start(DebianRoot debianRoot) {
        debianRoot.provision();
        LocalCluster cluster = LocalCluster.start(debianRoot);
        List<String> versions = debianRoot.timescaleVersions().stream().map(v -> v + "@pg" + debianRoot.pgMajor())
                .toList();
        return new PostgresServer(name(), cluster.host(), cluster.port(), LocalCluster.USER, LocalCluster.PASSWORD,
                "postgres", versions, true).withTls(cluster.tls());
    }
}
