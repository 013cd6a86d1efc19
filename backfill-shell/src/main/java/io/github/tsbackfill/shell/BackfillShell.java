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
 * leaving the shell. Ctrl-D or {@code exit} leaves.
 */
public final class BackfillShell implements CliContext.Interrupts {

    private final Terminal terminal;
    private final Map<String, String> env;
    private final Path home;
    private final LineReader reader;
    private volatile Runnable graceful;
    private volatile Runnable forced;
    private final AtomicInteger interrupts = new AtomicInteger();
    private boolean exit;

    public BackfillShell(Terminal terminal, Map<String, String> environment, Path home, Path history) {
        this.terminal = terminal;
        this.env = new HashMap<>(environment);
        this.home = home;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("timescaledb-backfill")
                .completer(new CommandCompleter(() -> commandLine()))
                .variable(LineReader.HISTORY_FILE, history)
                .build();
        terminal.handle(Terminal.Signal.INT, signal -> interrupt());
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
            if (!words.isEmpty()) {
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
        CliContext context = new CliContext(out, out, new Environment(Map.copyOf(env), home), true, this);
        CommandLine cli = Cli.commandLine(context);
        cli.addSubcommand("connect", new ConnectCommand(this));
        cli.addSubcommand("exit", new ExitCommand(this));
        return cli;
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

    @Override
    public AutoCloseable onInterrupt(Runnable graceful, Runnable forced) {
        this.graceful = graceful;
        this.forced = forced;
        return () -> {
            this.graceful = null;
            this.forced = null;
        };
    }

    private void interrupt() {
        Runnable g = graceful;
        Runnable f = forced;
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
