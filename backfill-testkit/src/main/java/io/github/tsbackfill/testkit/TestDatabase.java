package io.github.tsbackfill.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database on a real server, with TimescaleDB installed. Small helpers let tests run SQL without
 * ceremony; everything else goes through {@link #dataSource()} or the URLs.
 */
public final class TestDatabase {

    private final String provider;
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final String timescaleVersion;
    private final Set<Capability> capabilities;
    private final TlsFiles tls;

    public TestDatabase(String provider, String host, int port, String database, String user, String password,
                        String timescaleVersion, Set<Capability> capabilities) {
        this(provider, host, port, database, user, password, timescaleVersion, capabilities, null);
    }

    /** @param tls the server's TLS material, or null when the server does not offer TLS */
    public TestDatabase(String provider, String host, int port, String database, String user, String password,
                        String timescaleVersion, Set<Capability> capabilities, TlsFiles tls) {
        this.tls = tls;
        this.provider = provider;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.timescaleVersion = timescaleVersion;
        this.capabilities = capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
    }

    public String provider() { return provider; }
    public String host() { return host; }
    public int port() { return port; }
    public String database() { return database; }
    public String user() { return user; }
    public String password() { return password; }
    public String timescaleVersion() { return timescaleVersion; }

    /** The TimescaleDB release installed, without the server suffix ({@code 2.13.1} for {@code 2.13.1@pg15}). */
    public String timescaleRelease() { return Versions.release(timescaleVersion); }

    /** The server's TLS material, when it offers TLS. */
    public java.util.Optional<TlsFiles> tls() {
        return java.util.Optional.ofNullable(tls);
    }

    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    /** JDBC URL without credentials; use {@link #user()} and {@link #password()}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** libpq-style URL with credentials, as a user would pass it on the command line. */
    public String libpqUrl() {
        return "postgres://" + encode(user) + ":" + encode(password) + "@" + host + ":" + port + "/" + encode(database);
    }

    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {host});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setApplicationName("backfill-testkit");
        return ds;
    }

    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    /** Runs each statement in its own autocommit transaction. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("on " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, as a long (null counts as 0). */
    public long queryLong(String sql) {
        Object value = queryValue(sql);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /**
     * Waits until a count query reaches {@code atLeast}, for tests that watch another process work. A query that fails
     * (its table not created yet) counts as not there yet.
     */
    public void awaitCount(String countSql, long atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (countOrMinusOne(countSql) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + countSql + " >= " + atLeast);
            }
            Thread.sleep(20);
        }
    }

    private long countOrMinusOne(String sql) {
        try {
            return queryLong(sql);
        } catch (IllegalStateException notYet) {
            return -1;
        }
    }

    public String queryString(String sql) {
        Object value = queryValue(sql);
        return value == null ? null : value.toString();
    }

    public Object queryValue(String sql) {
        List<List<Object>> rows = query(sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    /** All rows, each as a list of column values. Meant for small result sets in assertions. */
    public List<List<Object>> query(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("on " + describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A new database {@code name} on the same server with the same TimescaleDB version (replacing one of that name),
     * e.g. a second source; the caller drops it with {@link #dropDatabase}.
     */
    public TestDatabase createDatabase(String name) {
        dropDatabase(name);
        execute("CREATE DATABASE " + name);
        TestDatabase created = new TestDatabase(provider, host, port, name, user, password, timescaleVersion,
                capabilities, tls);
        created.execute("CREATE EXTENSION IF NOT EXISTS timescaledb VERSION '" + timescaleRelease() + "'");
        return created;
    }

    /** The same database reached as another role (which the caller created, e.g. one that may only read). */
    public TestDatabase as(String otherUser, String otherPassword) {
        return new TestDatabase(provider, host, port, database, otherUser, otherPassword, timescaleVersion, capabilities,
                tls);
    }

    /** Drops database {@code name} on this server, if it exists, whoever is connected to it. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** e.g. {@code local-debian TimescaleDB 2.29.2 (db t_12)}. */
    public String describe() {
        return provider + " TimescaleDB " + timescaleVersion + " (" + database + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
