package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real command tree in-process, as the launcher would, and captures what it prints. */
final class CliRunner {

    record Run(int exit, String out, String err) {
    }

    private CliRunner() {
    }

    /** With SOURCE_DB and TARGET_DB set to the pair's libpq URLs, as in the seed's examples. */
    static Run run(DatabasePair db, String... args) {
        return run(Map.of("SOURCE_DB", db.source().libpqUrl(), "TARGET_DB", db.target().libpqUrl()), args);
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
                new Environment(env, Path.of("/nonexistent-home")), false, (graceful, forced) -> () -> { });
        int exit = Cli.commandLine(context).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Replaces $SOURCE_DB and $TARGET_DB in a command copied from the seed, then splits it like a shell. */
    /**
     * Runs a command that must be refused: its exit code, one line on standard error containing {@code message},
     * no stack trace, and neither the test password nor the databases' password anywhere.
     */
    static void expectRefusal(DatabasePair db, int exit, String message, String... args) {
        Run run = run(db, args);
        assertThat(run.exit()).as("exit of %s: %s", String.join(" ", args), run.err()).isEqualTo(exit);
        assertThat(run.err()).as("error of %s", String.join(" ", args)).contains(message);
        assertThat(run.err().strip().lines().count()).as("one line: %s", run.err()).isEqualTo(1);
        assertThat(run.err() + run.out()).doesNotContain("Sekr1t").doesNotContain(db.target().password())
                .doesNotContain("Exception");
    }

    static String[] seedCommand(DatabasePair db, String command) {
        String expanded = command.replace("timescaledb-backfill ", "")
                .replace("$SOURCE_DB", db.source().libpqUrl()).replace("$TARGET_DB", db.target().libpqUrl());
        java.util.List<String> words = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(expanded);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words.toArray(String[]::new);
    }

    static void runSql(TestDatabase db, String resource) {
        try (InputStream in = CliRunner.class.getResourceAsStream(resource)) {
            db.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void seedSchema(DatabasePair db) {
        runSql(db.source(), "seed-schema.sql");
        runSql(db.target(), "seed-schema.sql");
        runSql(db.source(), "seed-data.sql");
    }
}
