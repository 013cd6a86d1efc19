package io.github.tsbackfill.shell;

import io.github.tsbackfill.InvalidConfigurationException;
import io.github.tsbackfill.cli.Cli;
import io.github.tsbackfill.cli.CliContext;
import io.github.tsbackfill.cli.ConnectionUrl;
import io.github.tsbackfill.cli.Environment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import picocli.CommandLine;

/**
 * The operator shell: every command of the command line, with the connection remembered between commands,
 * tab completion, history, and Ctrl-C that stops the running command (first gracefully, then at once) without
 * leaving the shell. A command ending in {@code &} runs in the background, its output printed above the prompt,
 * until it ends or {@code stop} ends it. Ctrl-D or {@code exit} leaves.
 */
public final class BackfillShell {

    private final Terminal terminal;
    private final Map<String, String> env;
    private final Path home;
    private final LineReader reader;
    private final InterruptHandlers foreground = new InterruptHandlers();
    private final AtomicInteger interrupts = new AtomicInteger();
    private boolean exit;
    private volatile BackgroundJob background;
    private final Map<String, List<String>> hypertables = new java.util.concurrent.ConcurrentHashMap<>();

    public BackfillShell(Terminal terminal, Map<String, String> environment, Path home, Path history) {
        this.terminal = terminal;
        this.env = new HashMap<>(environment);
        this.home = home;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("timescaledb-backfill")
                .completer(completer())
                .variable(LineReader.HISTORY_FILE, history)
                .history(new MaskingHistory())
                .build();
        terminal.handle(Terminal.Signal.INT, signal -> interrupt());
    }

    CommandCompleter completer() {
        return new CommandCompleter(this::commandLine, this::hypertables);
    }

    /** Reads and runs commands until {@code exit} or end of input. */
    public void run() {
        PrintWriter out = terminal.writer();
        out.println("timescaledb-backfill shell: type 'help' for commands, Tab to complete, Ctrl-D to leave.");
        while (!exit) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            List<String> words = reader.getParser().parse(line, line.length()).words().stream()
                    .filter(w -> !w.isEmpty()).toList();
            if (!words.isEmpty() && words.get(words.size() - 1).equals("&")) {
                startBackground(words.subList(0, words.size() - 1).toArray(String[]::new));
            } else if (!words.isEmpty()) {
                execute(words.toArray(String[]::new));
            }
        }
        out.println("bye");
        out.flush();
    }

    /** Runs one command line, as typed; returns its exit code. */
    public int execute(String... words) {
        interrupts.set(0);
        int code = commandLine().execute(words);
        terminal.writer().flush();
        return code;
    }

    /** The command line's tree plus the shell's own commands, bound to the current connection. */
    CommandLine commandLine() {
        PrintWriter out = terminal.writer();
        return commandLine(new CliContext(out, out, new Environment(Map.copyOf(env), home), true, foreground));
    }

    private CommandLine commandLine(CliContext context) {
        CommandLine cli = Cli.commandLine(context);
        cli.addSubcommand("connect", new ConnectCommand(this));
        cli.addSubcommand("stop", new StopCommand(this));
        cli.addSubcommand("exit", new ExitCommand(this));
        return cli;
    }

    /** Runs a command on its own thread; its output (progress every few seconds, then the result) prints above the prompt. */
    void startBackground(String... words) {
        PrintWriter out = terminal.writer();
        BackgroundJob running = background;
        if (running != null && running.running()) {
            out.println("error: '" + running.command() + "' is still running in the background; 'stop' it first");
            out.flush();
            return;
        }
        String command = ConnectionUrl.mask(String.join(" ", words));
        PrintWriter above = new PrintWriter(new AbovePromptWriter(reader), true);
        BackgroundJob[] job = new BackgroundJob[1];
        job[0] = new BackgroundJob(command, () -> {
            CliContext context = new CliContext(above, above, new Environment(Map.copyOf(env), home), false,
                    job[0].interrupts());
            return commandLine(context).execute(words);
        }, () -> reader.printAbove("[background] '" + command + "' ended with exit code " + job[0].exitCode()));
        background = job[0];
        job[0].start();
        out.println("[background] " + command + "  ('status' to follow it, 'stop' to end it)");
        out.flush();
    }

    int stopBackground(boolean force) {
        BackgroundJob job = background;
        PrintWriter out = terminal.writer();
        if (job == null || !job.running() || !job.stop(force)) {
            out.println("Nothing to stop: no command is running in the background.");
            return 1;
        }
        out.println(force ? "Stopping '" + job.command() + "' now; chunks in progress roll back."
                : "Stopping '" + job.command() + "' after the chunks in progress.");
        return 0;
    }

    /** For --filter completion: the source's hypertables, read once per source. */
    private List<String> hypertables() {
        String source = env.get("SOURCE_DB");
        if (source == null || env.get("TARGET_DB") == null) {
            return List.of();
        }
        return hypertables.computeIfAbsent(source, s -> {
            try {
                return Cli.sourceHypertables(new Environment(Map.copyOf(env), home));
            } catch (RuntimeException e) {
                return List.of();
            }
        });
    }

    String prompt() {
        String target = env.get("TARGET_DB");
        if (target == null) {
            return "backfill (not connected)> ";
        }
        try {
            return "backfill " + ConnectionUrl.parse("--target", target, new Environment(Map.of(), home)) + "> ";
        } catch (InvalidConfigurationException e) {
            return "backfill (" + ConnectionUrl.mask(target) + ")> ";
        }
    }

    void connect(String source, String target) {
        if (source != null) {
            env.put("SOURCE_DB", source);
        }
        if (target != null) {
            env.put("TARGET_DB", target);
        }
    }

    void exit() {
        exit = true;
    }

    private void interrupt() {
        Runnable g = foreground.handler(false);
        Runnable f = foreground.handler(true);
        if (g == null) {
            return;
        }
        PrintWriter out = terminal.writer();
        if (interrupts.incrementAndGet() == 1) {
            out.println();
            out.println("Interrupted: finishing the chunks in progress. Ctrl-C again stops now.");
            g.run();
        } else {
            out.println("Stopping now; chunks in progress roll back.");
            f.run();
        }
        out.flush();
    }
}
