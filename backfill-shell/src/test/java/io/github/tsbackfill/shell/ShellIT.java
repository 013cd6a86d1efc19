package io.github.tsbackfill.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/** The shell on a JLine terminal in-process, against real TimescaleDB. */
class ShellIT {

    @TimescaleTest
    void runsAWholeSessionAndSurvivesErrorsAndCtrlC(DatabasePair db) throws Exception {
        Fixtures.install(db, false);
        PipedOutputStream keyboard = new PipedOutputStream();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal terminal = new DumbTerminal("test", "dumb", new PipedInputStream(keyboard), screen,
                StandardCharsets.UTF_8);
        Path home = Files.createTempDirectory("shell");
        BackfillShell shell = new BackfillShell(terminal, Map.of(), home, home.resolve("history"));
        Thread session = new Thread(shell::run);
        session.start();

        type(keyboard, "status --target postgres://nobody@127.0.0.1:1/none");
        type(keyboard, "connect --source " + db.source().libpqUrl() + " --target " + db.target().libpqUrl());
        type(keyboard, "stage --until 2030-01-01 --filter ^metrics\\.cpu$");
        awaitRows(db, "SELECT count(*) FROM __backfill.task", 10);
        type(keyboard, "copy -p 1");
        awaitRows(db, "SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL", 1);
        terminal.raise(Terminal.Signal.INT);
        type(keyboard, "copy");
        awaitRows(db, "SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL", 10);
        type(keyboard, "verify");
        type(keyboard, "status");
        type(keyboard, "clean");
        keyboard.close();
        session.join(Duration.ofMinutes(1).toMillis());

        String out = screen.toString(StandardCharsets.UTF_8);
        assertThat(session.isAlive()).isFalse();
        assertThat(out).contains("error: cannot connect to the target database");
        assertThat(out).contains("backfill postgres://" + db.target().user() + "@");
        assertThat(out).doesNotContain(db.target().password());
        assertThat(out).contains("Staged 10 new");
        assertThat(out).contains("10 chunk(s) match, 0 differ");
        assertThat(out).contains("10 of 10 chunk(s) copied, ");
        assertThat(out).contains("Dropped the __backfill schema.");
        assertThat(out).contains("bye");
        assertThat(db.target().queryLong("SELECT count(*) FROM metrics.cpu")).isEqualTo(5770);
        assertThat(Files.readString(home.resolve("history"))).contains("stage --until 2030-01-01");
    }

    @TimescaleTest
    void completesCommandsAndOptions(DatabasePair db) throws IOException {
        Terminal terminal = new DumbTerminal("test", "dumb", new PipedInputStream(new PipedOutputStream()),
                new ByteArrayOutputStream(), StandardCharsets.UTF_8);
        Path home = Files.createTempDirectory("shell");
        BackfillShell shell = new BackfillShell(terminal, Map.of("TARGET_DB", db.target().libpqUrl()), home,
                home.resolve("history"));
        assertThat(complete(shell, "sta")).contains("stage", "status").doesNotContain("copy");
        assertThat(complete(shell, "copy --par")).containsExactly("--parallelism");
        assertThat(complete(shell, "con")).containsExactly("connect");
        assertThat(shell.prompt()).startsWith("backfill postgres://").doesNotContain(db.target().password());
    }

    private static List<String> complete(BackfillShell shell, String line) {
        List<Candidate> candidates = new ArrayList<>();
        new CommandCompleter(shell::commandLine).complete(null,
                new DefaultParser().parse(line, line.length()), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    private static void type(PipedOutputStream keyboard, String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private static void awaitRows(DatabasePair db, String sql, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (count(db, sql) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + sql + " >= " + atLeast);
            }
            Thread.sleep(20);
        }
    }

    private static long count(DatabasePair db, String sql) {
        try {
            return db.target().queryLong(sql);
        } catch (IllegalStateException notYet) {
            return -1;
        }
    }
}
