package io.github.tsbackfill.testkit.local;

import io.github.tsbackfill.testkit.DatabaseProvider;
import io.github.tsbackfill.testkit.PostgresServer;
import io.github.tsbackfill.testkit.TimescaleServer;
import java.util.Locale;
import java.util.Optional;

/**
 * Real TimescaleDB without Docker: Debian trixie's PostgreSQL 17 + TimescaleDB 2.19.3 in a debootstrap root,
 * plus the Timescale-License builds overlaid into it where the project's shared directory has them. Needs
 * Linux and root (debootstrap and chroot). One cluster serves source and target databases of every version.
 */
public final class LocalDebianProvider implements DatabaseProvider {

    private final DebianRoot root = DebianRoot.locate();
    private PostgresServer server;

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
            root.provision();
            LocalCluster cluster = LocalCluster.start(root);
            server = new PostgresServer(name(), cluster.host(), cluster.port(), LocalCluster.USER,
                    LocalCluster.PASSWORD, "postgres", root.timescaleVersions(), true).withTls(cluster.tls());
        }
        return server;
    }
}
