package io.github.tsbackfill.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Environment variables and {@code ~/.pgpass}, behind one seam so tests can supply their own. */
public record Environment(Map<String, String> variables, Path home) {

    public static Environment system() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    String get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    String variableFor(String option) {
        return switch (option) {
            case "--source" -> "SOURCE_DB";
            case "--target" -> "TARGET_DB";
            default -> option;
        };
    }

    /** The password of the first matching {@code ~/.pgpass} line (or {@code $PGPASSFILE}), as libpq does. */
    String pgpass(String host, int port, String database, String user) {
        Path file = get("PGPASSFILE") != null ? Path.of(get("PGPASSFILE")) : home.resolve(".pgpass");
        if (!Files.isReadable(file)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("(?<!\\\\):", 5);
                if (f.length == 5 && matches(f[0], host) && matches(f[1], String.valueOf(port))
                        && matches(f[2], database) && matches(f[3], user)) {
                    return f[4].replace("\\:", ":").replace("\\\\", "\\");
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.replace("\\:", ":").equals(value);
    }
}
