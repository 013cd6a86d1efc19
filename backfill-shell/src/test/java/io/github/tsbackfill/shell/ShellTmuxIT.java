package io.github.tsbackfill.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The shell as an operator meets it: the packaged launcher in a real pseudo-terminal (tmux), keys typed into it,
 * the screen read back. Covers what an in-process terminal cannot: the system terminal, Tab in a real line editor, Ctrl-C as
 * a terminal signal, Ctrl-D.
 */
class ShellTmuxIT {

    private final String socket = "backfill-test-" + ProcessHandle.current().pid();

    @TimescaleTest
    void runsASessionInARealTerminal(DatabasePair db) throws Exception {
        Fixtures.install(db, false);
        Path home = Files.createTempDirectory("shell-tmux");
        String launcher = System.getProperty("backfill.shell.launcher");
        assertThat(launcher).as("the packaged launcher (mvn verify builds it)").isNotNull();
        List<String> command = List.of("env", "JAVA_OPTS=-Duser.home=" + home, launcher,
                "--source", db.source().libpqUrl(), "--target", db.target().libpqUrl());
        tmux("new-session", "-d", "-s", "shell", "-x", "220", "-y", "50",
                command.stream().map(ShellTmuxIT::quote).collect(Collectors.joining(" ")));
        // Keep the pane, and so the screen, once the shell has exited.
        tmux("set-option", "-t", "shell", "remain-on-exit", "on");
        try {
            awaitScreen("Tab to complete");
            keys("stage --until 2030-01-01 --filter metrics.ev", "Tab");
            awaitScreen("metrics.events_big");
            keys("C-u");
            line("stage --until 2030-01-01 --filter ^metrics\\.(cpu|readings|daily|space)$");
            awaitScreen("Staged 45 new");
            line("copy -p 1");
            db.target().awaitCount("SELECT count(*) FROM __backfill.task WHERE worked IS NOT NULL", 1, Duration.ofMinutes(1));
            keys("C-c");
            awaitScreen("Stopped: ");
            assertThat(screen()).contains("Interrupted: finishing the chunks in progress. Ctrl-C again stops now.");
            awaitPrompt();
            line("copy -p 2 &");
            awaitScreen("'copy -p 2' ended with exit code 0");
            line("status");
            awaitScreen("45 of 45 chunk(s) copied");
            line("verify");
            awaitScreen("45 chunk(s) match, 0 differ");
            // A Ctrl-D typed while a command still runs meets the cooked terminal and is lost, as it would be for a person.
            awaitPrompt();
            keys("C-d");
            awaitScreen("bye");
            assertThat(screen()).doesNotContain(db.target().password());
            assertThat(db.target().queryLong("SELECT count(*) FROM metrics.cpu")).isEqualTo(5770);
        } finally {
            run("tmux", "-L", socket, "kill-server");
        }
    }

    private void line(String text) throws IOException, InterruptedException {
        keys(text, "Enter");
    }

    private void keys(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "shell"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    private String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-S", "-3000", "-t", "shell");
    }

    private void awaitScreen(String text) throws IOException, InterruptedException {
        awaitScreen("'" + text + "'", screen -> screen.contains(text));
    }

    /** Waits until the line editor owns the terminal again: the last line on the screen is a bare prompt. */
    private void awaitPrompt() throws IOException, InterruptedException {
        awaitScreen("the prompt", screen -> lastLine(screen).matches("backfill .*>\\s*"));
    }

    private void awaitScreen(String what, Predicate<String> shown) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String screen = screen();
        while (!shown.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " on the terminal:\n" + screen);
            }
            Thread.sleep(100);
            screen = screen();
        }
    }

    private static String lastLine(String screen) {
        return screen.strip().lines().reduce((first, second) -> second).orElse("");
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
