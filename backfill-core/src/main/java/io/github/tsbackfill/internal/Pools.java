package io.github.tsbackfill.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.github.tsbackfill.BackfillConfig;
import io.github.tsbackfill.BackfillException;
import io.github.tsbackfill.DatabaseEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Connection pools of one {@code Backfill}. A caller's DataSource is used as is; a URL gets a HikariCP pool
 * sized for the configured parallelism plus the coordinator, closed with the {@code Backfill}.
 */
public final class Pools implements AutoCloseable {

    private final List<HikariDataSource> owned = new ArrayList<>();
    private final DataSource source;
    private final DataSource target;
    private volatile CatalogLayout sourceLayout;
    private volatile CatalogLayout targetLayout;

    public Pools(BackfillConfig config) {
        this.source = config.source() == null ? null : open(config.source(), "source", config);
        this.target = open(config.target(), "target", config);
    }

    public Connection source() {
        if (source == null) {
            throw new BackfillException(BackfillException.Kind.INVALID_INPUT, "--source: the source database is required");
        }
        return connect(source, "source");
    }

    public Connection target() {
        return connect(target, "target");
    }

    /** A catalog reader on a source connection; the TimescaleDB version is read once per {@code Backfill}. */
    CatalogReader sourceCatalog(Connection connection) {
        if (sourceLayout == null) {
            sourceLayout = CatalogReader.on(connection, "source").layout();
        }
        return CatalogReader.on(connection, sourceLayout, "source");
    }

    /** A catalog reader on a target connection; the TimescaleDB version is read once per {@code Backfill}. */
    CatalogReader targetCatalog(Connection connection) {
        if (targetLayout == null) {
            targetLayout = CatalogReader.on(connection, "target").layout();
        }
        return CatalogReader.on(connection, targetLayout, "target");
    }

    private DataSource open(DatabaseEndpoint endpoint, String role, BackfillConfig config) {
        if (endpoint.dataSource() != null) {
            return endpoint.dataSource();
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("backfill-" + role);
        hikari.setJdbcUrl(endpoint.jdbcUrl());
        if (endpoint.user() != null) {
            hikari.setUsername(endpoint.user());
        }
        if (endpoint.password() != null) {
            hikari.setPassword(endpoint.password());
        }
        // Workers each hold one connection; the coordinator (claims, progress) may need two more.
        hikari.setMaximumPoolSize(config.maxParallelism() + 2);
        hikari.setMinimumIdle(0);
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        // One attempt at construction: a wrong password or an unreachable host is reported at once, not after
        // the pool has retried for the whole connection timeout.
        hikari.setInitializationFailTimeout(1);
        hikari.addDataSourceProperty("ApplicationName", "timescaledb-backfill");
        hikari.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, config.connectTimeout().toSeconds())));
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        hikari.setConnectionInitSql(Sessions.SETTINGS);
        try {
            HikariDataSource pool = new HikariDataSource(hikari);
            owned.add(pool);
            return pool;
        } catch (HikariPool.PoolInitializationException e) {
            close();
            throw Errors.connection(role, e.getCause() instanceof SQLException s ? s : new SQLException(e.getMessage(), e));
        }
    }

    private Connection connect(DataSource dataSource, String role) {
        try {
            Connection connection = dataSource.getConnection();
            if (!(dataSource instanceof HikariDataSource)) {
                // A caller's DataSource: its connections may come from anywhere, so set up each one borrowed.
                Sessions.prepare(connection);
            }
            return connection;
        } catch (SQLException e) {
            throw Errors.connection(role, e);
        }
    }

    @Override
    public void close() {
        owned.forEach(HikariDataSource::close);
    }
}
