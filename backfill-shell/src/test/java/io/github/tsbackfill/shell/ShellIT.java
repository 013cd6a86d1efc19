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
        Session session = Session.start(Map.of());
        PipedOutputStream keyboard = session.keyboard();
        ByteArrayOutputStream screen = session.screen();
        Path home = session.home();

        type(keyboard, "status --target postgres://nobody@127.0.0.1:1/none");
        type(keyboard, "connect --source " + db.source().libpqUrl() + " --target " + db.target().libpqUrl());
        type(keyboard, "stage --until 2030-01-01 --filter ^metrics\\.cpu$");
        db.target().awaitCount("SELECT count(*) FROM __backfill.task", 10, Duration.ofMinutes(1));
        type(keyboard, "copy -p 1");
        db.target().awaitCount("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL", 1, Duration.ofMinutes(1));
        session.terminal().raise(Terminal.Signal.INT);
        type(keyboard, "copy");
        db.target().awaitCount("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL", 10, Duration.ofMinutes(1));
        type(keyboard, "verify");
        type(keyboard, "status");
        type(keyboard, "clean");
        keyboard.close();
        session.thread().join(Duration.ofMinutes(1).toMillis());

        String out = screen.toString(StandardCharsets.UTF_8);
        assertThat(session.thread().isAlive()).isFalse();
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
    void runsCopyInTheBackgroundWhileTheOperatorWorks(DatabasePair db) throws Exception {
        Fixtures.install(db, false);
        Session session = Session.start(Map.of("SOURCE_DB", db.source().libpqUrl(), "TARGET_DB", db.target().libpqUrl()));
        PipedOutputStream keyboard = session.keyboard();
        ByteArrayOutputStream screen = session.screen();

        type(keyboard, "stage --until 2030-01-01 --filter ^metrics\\.(cpu|readings|daily|space)$");
        db.target().awaitCount("SELECT count(*) FROM __backfill.task", 45, Duration.ofMinutes(1));
        type(keyboard, "copy -p 1 &");
        db.target().awaitCount("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL", 1, Duration.ofMinutes(1));
        type(keyboard, "verify -p 1 &");
        type(keyboard, "status");
        type(keyboard, "stop");
        awaitScreen(screen, "'copy -p 1' ended with exit code 130");
        long copiedBeforeRestart = db.target().queryLong("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL");
        type(keyboard, "stop");
        type(keyboard, "copy -p 2 &");
        awaitScreen(screen, "'copy -p 2' ended with exit code 0");
        type(keyboard, "verify");
        keyboard.close();
        session.thread().join(Duration.ofMinutes(1).toMillis());

        String out = screen.toString(StandardCharsets.UTF_8);
        assertThat(copiedBeforeRestart).as("graceful stop keeps what is copied and leaves the rest").isBetween(1L, 44L);
        assertThat(out).contains("[background] copy -p 1  ('status' to follow it, 'stop' to end it)");
        assertThat(out).contains("error: 'copy -p 1' is still running in the background; 'stop' it first");
        assertThat(out).doesNotContain("'verify -p 1' ended");
        assertThat(out).containsPattern("\\d+ of 45 chunk\\(s\\) copied");
        assertThat(out).contains("Stopping 'copy -p 1' after the chunks in progress.");
        assertThat(out).contains("Nothing to stop: no command is running in the background.");
        assertThat(out).contains("45 chunk(s) match, 0 differ");
        assertThat(db.target().queryLong("SELECT count(*) FROM metrics.cpu")).isEqualTo(5770);
    }

    /** The screen and the history file never hold a password, typed in whatever form. */
    @TimescaleTest
    void neverShowsNorKeepsAPassword(DatabasePair db) throws Exception {
        String canary = "Zq7canaryXw";
        String dead = "postgres://u:" + canary + "%2F@127.0.0.1:1/db";
        Session session = Session.start(Map.of());
        PipedOutputStream keyboard = session.keyboard();
        type(keyboard, "connect --source " + dead + " --target postgres://u:" + canary + "/@:?#%@127.0.0.1:1/db");
        type(keyboard, "status");
        type(keyboard, "status --target " + dead + " -v &");
        awaitScreen(session.screen(), "ended with exit code");
        type(keyboard, "copy --sourc " + dead);
        type(keyboard, "status --target jdbc:postgresql://127.0.0.1:1/db?password=" + canary + " -v");
        keyboard.close();
        session.thread().join(Duration.ofMinutes(1).toMillis());

        String out = session.screen().toString(StandardCharsets.UTF_8);
        assertThat(out).contains("[background] status --target postgres://u:***@127.0.0.1:1/db -v").contains("--sourc")
                .doesNotContain(canary);
        assertThat(Files.readString(session.home().resolve("history"))).contains("connect --source postgres://u:***@")
                .doesNotContain(canary);
    }

    @TimescaleTest
    void completesCommandsOptionsAndHypertables(DatabasePair db) throws IOException {
        Fixtures.install(db, false);
        Terminal terminal = new DumbTerminal("test", "dumb", new PipedInputStream(new PipedOutputStream()),
                new ByteArrayOutputStream(), StandardCharsets.UTF_8);
        Path home = Files.createTempDirectory("shell");
        BackfillShell shell = new BackfillShell(terminal, Map.of("SOURCE_DB", db.source().libpqUrl(),
                "TARGET_DB", db.target().libpqUrl()), home, home.resolve("history"));
        assertThat(complete(shell, "sta")).contains("stage", "status").doesNotContain("copy");
        assertThat(complete(shell, "copy --par")).containsExactly("--parallelism");
        assertThat(complete(shell, "con")).containsExactly("connect", "control");
        assertThat(complete(shell, "control --")).contains("--pause", "--resume", "--max-rate", "--parallelism");
        assertThat(complete(shell, "sto")).containsExactly("stop");
        assertThat(complete(shell, "stage --until 2030-01-01 --filter metrics.e"))
                .containsExactlyInAnyOrder("metrics.events_big", "metrics.events_int");
        assertThat(complete(shell, "stage --filter ")).hasSize(7).contains("Odd Schema.Tëst \"Table\"");
        assertThat(shell.prompt()).startsWith("backfill postgres://").doesNotContain(db.target().password());
    }

    /** A shell running on its own thread, on an in-process terminal: keys in, screen out. */
    private record Session(PipedOutputStream keyboard, ByteArrayOutputStream screen, Terminal terminal, Path home,
                           Thread thread) {

        static Session start(Map<String, String> env) throws IOException {
            PipedOutputStream keyboard = new PipedOutputStream();
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            Terminal terminal = new DumbTerminal("test", "dumb", new PipedInputStream(keyboard), screen,
                    StandardCharsets.UTF_8);
            Path home = Files.createTempDirectory("shell");
            Thread thread = new Thread(new BackfillShell(terminal, env, home, home.resolve("history"))::run);
            thread.start();
            return new Session(keyboard, screen, terminal, home, thread);
        }
    }

    private static List<String> complete(BackfillShell shell, String line) {
        List<Candidate> candidates = new ArrayList<>();
        shell.completer().complete(null,
                new DefaultParser().parse(line, line.length()), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    private static void type(PipedOutputStream keyboard, String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private static void awaitScreen(ByteArrayOutputStream screen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!screen.toString(StandardCharsets.UTF_8).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for '" + text + "' on:\n" + screen.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
    }
}
