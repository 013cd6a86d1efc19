package io.github.tsbackfill.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server reached over JDBC with a role that may create databases. Each TimescaleDB version gets a template
 * database, made once, so a fresh test database is a cheap {@code CREATE DATABASE ... TEMPLATE}.
 */
public class PostgresServer implements TimescaleServer {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String provider;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;
    private final List<String> versions;
    /** true: {@code CREATE EXTENSION ... VERSION}; false: the server has one version, install its default. */
    private final boolean pinVersion;
    private final Map<String, Set<Capability>> templates = new ConcurrentHashMap<>();
    private volatile TlsFiles tls;

    public PostgresServer(String provider, String host, int port, String user, String password,
                          String adminDatabase, List<String> versions, boolean pinVersion) {
        this.provider = provider;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
        this.versions = List.copyOf(versions);
        this.pinVersion = pinVersion;
    }

    /** Declares that this server speaks TLS with this material (its databases then offer {@link TestDatabase#tls()}). */
    public PostgresServer withTls(TlsFiles files) {
        this.tls = files;
        return this;
    }

    @Override
    public String describe() {
        return provider + " " + host + ":" + port;
    }

    @Override
    public List<String> versions() {
        return versions;
    }

    @Override
    public Set<Capability> capabilities(String version) {
        return template(version);
    }

    @Override
    public TestDatabase createDatabase(String version) {
        Set<Capability> capabilities = template(version);
        String name = "bt_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        String template = templateName(version);
        for (int attempt = 1; ; attempt++) {
            try {
                execute(adminDatabase, "CREATE DATABASE " + name + " TEMPLATE " + template);
                break;
            } catch (IllegalStateException busy) {
                // A TimescaleDB scheduler that was still attached to the template when it was closed.
                if (attempt == 5 || !String.valueOf(busy.getMessage()).contains("being accessed by other users")) {
                    throw busy;
                }
                disconnectAll(template);
            }
        }
        return new TestDatabase(provider, host, port, name, user, password, version, capabilities, tls);
    }

    @Override
    public void drop(TestDatabase database) {
        execute(adminDatabase, "DROP DATABASE IF EXISTS " + quote(database.database()) + " WITH (FORCE)");
    }

    private Set<Capability> template(String version) {
        if (!versions.contains(version)) {
            throw new IllegalArgumentException("TimescaleDB " + version + " is not available on " + describe()
                    + " (it has " + versions + ")");
        }
        return templates.computeIfAbsent(version, this::createTemplate);
    }

    private Set<Capability> createTemplate(String version) {
        String name = templateName(version);
        execute(adminDatabase, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        execute(adminDatabase, "CREATE DATABASE " + name + " TEMPLATE template0");
        String versionClause = pinVersion ? " VERSION '" + Versions.release(version) + "'" : "";
        execute(name, "CREATE EXTENSION IF NOT EXISTS timescaledb" + versionClause);
        Set<Capability> capabilities = probeCapabilities(name);
        // A template must have no sessions; TimescaleDB's scheduler would otherwise connect to it.
        execute(adminDatabase, "ALTER DATABASE " + name + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        disconnectAll(name);
        return capabilities;
    }

    /** Compression and continuous aggregates come with the Timescale License build; try one and roll back. */
    private Set<Capability> probeCapabilities(String database) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TABLE backfill_probe (t timestamptz NOT NULL, v int)");
            s.execute("SELECT create_hypertable('backfill_probe', 't')");
            try {
                s.execute("ALTER TABLE backfill_probe SET (timescaledb.compress)");
                return EnumSet.of(Capability.COMPRESSION, Capability.CONTINUOUS_AGGREGATES);
            } catch (SQLException apacheLicense) {
                return EnumSet.noneOf(Capability.class);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot probe TimescaleDB on " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** Installed TimescaleDB extension version of a database. */
    protected String extensionVersion(String database) {
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read TimescaleDB version on " + describe() + ": " + e.getMessage(), e);
        }
    }

    protected Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", "backfill-testkit");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, props);
    }

    private void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(describe() + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private void disconnectAll(String database) {
        execute(adminDatabase, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + database + "' AND pid <> pg_backend_pid()");
    }

    private static String templateName(String version) {
        return "bt_template_" + version.replaceAll("[^0-9A-Za-z]", "_");
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
