package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tsbackfill.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionUrlTest {

    private static final Environment NONE = new Environment(Map.of(), Path.of("/nonexistent"));

    @Test
    void readsLibpqUrls() {
        ConnectionUrl url = ConnectionUrl.parse("--source", "postgres://alice:s%40cret@db.example:6543/tsdb?sslmode=require", NONE);
        assertThat(url.host()).isEqualTo("db.example");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.database()).isEqualTo("tsdb");
        assertThat(url.user()).isEqualTo("alice");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.endpoint().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/tsdb?sslmode=require");
        assertThat(url.toString()).isEqualTo("postgres://alice@db.example:6543/tsdb").doesNotContain("cret");
    }

    @Test
    void readsJdbcUrlsWithCredentialsInParameters() {
        ConnectionUrl url = ConnectionUrl.parse("--target", "jdbc:postgresql://h/db?user=bob&password=pw&application_name=x", NONE);
        assertThat(url.user()).isEqualTo("bob");
        assertThat(url.password()).isEqualTo("pw");
        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.endpoint().jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?ApplicationName=x");
    }

    @Test
    void takesThePasswordFromPgpasswordThenPgpass(@TempDir Path home) throws IOException {
        Environment withVariable = new Environment(Map.of("PGPASSWORD", "fromenv"), home);
        assertThat(ConnectionUrl.parse("--source", "postgres://u@h/d", withVariable).password()).isEqualTo("fromenv");
        Files.writeString(home.resolve(".pgpass"), "# comment\nother:5432:*:*:no\nh:5432:d:u:from\\:pgpass\n");
        assertThat(ConnectionUrl.parse("--source", "postgres://u@h/d", new Environment(Map.of(), home)).password())
                .isEqualTo("from:pgpass");
    }

    @Test
    void namesTheOptionAndHidesThePasswordWhenMalformed() {
        assertThatThrownBy(() -> ConnectionUrl.parse("--source", "mysql://u:hidden@h/d", NONE))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("--source: ").hasMessageNotContaining("hidden");
        assertThatThrownBy(() -> ConnectionUrl.parse("--target", null, NONE))
                .hasMessage("--target: required (or set TARGET_DB)");
        assertThat(ConnectionUrl.mask("postgres://u:hidden@h/d?password=also")).doesNotContain("hidden", "also");
    }
}
