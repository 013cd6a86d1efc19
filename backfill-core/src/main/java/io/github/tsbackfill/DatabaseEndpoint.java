package io.github.tsbackfill;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where one side (source or target) lives: either a caller-owned {@link DataSource} (used as is, never closed
 * by the library) or a JDBC URL with credentials (pooled by the library).
 */
public final class DatabaseEndpoint {

    private final DataSource dataSource;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private DatabaseEndpoint(DataSource dataSource, String jdbcUrl, String user, String password) {
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public static DatabaseEndpoint of(DataSource dataSource) {
        return new DatabaseEndpoint(Objects.requireNonNull(dataSource, "dataSource"), null, null, null);
    }

    /** A {@code jdbc:postgresql://} URL; user and password may be null when the URL carries them. */
    public static DatabaseEndpoint of(String jdbcUrl, String user, String password) {
        return new DatabaseEndpoint(null, Objects.requireNonNull(jdbcUrl, "jdbcUrl"), user, password);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** For messages: the URL without credentials, or the DataSource's class. */
    @Override
    public String toString() {
        return jdbcUrl != null ? jdbcUrl.replaceAll("(?i)([?&]password=)[^&]*", "$1***") : dataSource.getClass().getSimpleName();
    }
}
