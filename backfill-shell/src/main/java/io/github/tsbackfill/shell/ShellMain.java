package io.github.tsbackfill.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** {@code timescaledb-backfill-shell [--source URL] [--target URL]}. */
public final class ShellMain {

    private ShellMain() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--source" -> env.put("SOURCE_DB", args[i + 1]);
                case "--target" -> env.put("TARGET_DB", args[i + 1]);
                default -> {
                    System.err.println("usage: timescaledb-backfill-shell [--source URL] [--target URL]");
                    System.exit(2);
                }
            }
        }
        Path home = Path.of(System.getProperty("user.home"));
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            new BackfillShell(terminal, env, home, home.resolve(".timescaledb_backfill_history")).run();
        }
    }
}
