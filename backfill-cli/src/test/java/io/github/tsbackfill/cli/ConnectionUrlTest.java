package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tsbackfill.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** Passwords with unencoded / @ : ? # % leaked whole or in part, and a mistyped --source echoed its URL. */
    @Test
    void masksEveryPasswordInAnyMessage() {
        for (String password : List.of("pa/ss", "p@ss", "p:a?s#s%", "plain")) {
            String url = "postgres://u:" + password + "@127.0.0.1:1/db";
            assertThat(ConnectionUrl.mask("no host in '" + url + "' and more"))
                    .doesNotContain(password).contains("postgres://u:***@127.0.0.1:1/db' and more");
            assertThatThrownBy(() -> ConnectionUrl.parse("--target", url.replace("@127.0.0.1:1", "@"), NONE))
                    .hasMessageNotContaining(password);
        }
        assertThat(ConnectionUrl.mask("jdbc:postgresql://h/db?user=u&password=se/cr@t&ssl=true"))
                .doesNotContain("se/cr@t").endsWith("password=***&ssl=true");

        CliRunner.Run typo = CliRunner.run(Map.of(), "copy", "--sourc", "postgres://u:canary/pw@h/db", "--target",
                "postgres://u:canary@pw@h/db");
        assertThat(typo.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(typo.err()).contains("--sourc").doesNotContain("canary");
        assertThat(typo.out()).doesNotContain("canary");
    }
}
