package io.github.tsbackfill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Checks the container image Jib wrote (a docker-load tarball) against the distribution it wraps: the same jars,
 * the launcher's JVM options, the command and its mode, the metrics port. Run by the image profile after the build;
 * a program (not a test) because the image exists only there. Exits non-zero with every difference.
 */
public final class ImageCheck {

    private static final String COMMAND = "/usr/local/bin/timescaledb-backfill";

    private final List<String> problems = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        ImageCheck check = new ImageCheck();
        check.check(Path.of(args[0]), Path.of(args[1]));
        if (!check.problems.isEmpty()) {
            throw new IllegalStateException("the image differs from the distribution:\n  "
                    + String.join("\n  ", check.problems));
        }
        System.out.println("image " + args[0] + " matches the distribution " + args[1]);
    }

    private void check(Path image, Path distribution) throws IOException {
        Map<String, byte[]> top = untar(Files.newInputStream(image));
        JsonNode manifest = new ObjectMapper().readTree(top.get("manifest.json")).get(0);
        JsonNode config = new ObjectMapper().readTree(top.get(manifest.get("Config").asText())).get("config");
        Map<String, byte[]> files = new HashMap<>();
        Map<String, Integer> modes = new HashMap<>();
        for (JsonNode layer : manifest.get("Layers")) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                    new ByteArrayInputStream(top.get(layer.asText()))))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    String name = "/" + e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
                    modes.put(name, e.getMode() & 0777);
                    files.put(name, e.isDirectory() || e.getSize() > 1 << 16 ? new byte[0] : tar.readAllBytes());
                }
            }
        }
        expect("entrypoint", List.of(COMMAND), texts(config.get("Entrypoint")));
        expect("command", List.of("--help"), texts(config.get("Cmd")));
        expect("exposed metrics port", true, config.path("ExposedPorts").has("9464/tcp"));
        expect("user", "65532", config.path("User").asText());
        expect("mode of " + COMMAND, 0755, modes.get(COMMAND));
        expect("main class", "io.github.tsbackfill.cli.Main", text(files.get("/app/jib-main-class-file")));
        expect("JVM options", flags(Files.readString(distribution.resolve("bin/timescaledb-backfill"))),
                flags(text(files.get(COMMAND))));
        expect("the command's class path", true, text(files.get(COMMAND)).contains("-cp @/app/jib-classpath-file"));
        expect("the class path file", true, text(files.get("/app/jib-classpath-file")).contains("/app/libs/"));

        TreeSet<String> distributed = new TreeSet<>();
        String cliJar;
        try (Stream<Path> jars = Files.list(distribution.resolve("lib"))) {
            jars.map(p -> p.getFileName().toString()).forEach(distributed::add);
        }
        cliJar = distributed.stream().filter(j -> j.startsWith("backfill-cli-")).findFirst().orElse(null);
        expect("the distribution's own jar", true, cliJar != null);
        distributed.remove(cliJar);
        TreeSet<String> imaged = new TreeSet<>();
        files.keySet().stream().filter(f -> f.startsWith("/app/libs/") && f.endsWith(".jar"))
                .map(f -> f.substring("/app/libs/".length())).forEach(imaged::add);
        expect("libraries (the distribution's lib/ without backfill-cli's own jar)", distributed, imaged);
        expect("the CLI's classes", true, files.containsKey("/app/classes/io/github/tsbackfill/cli/Main.class"));
        expect("the CLI's logging configuration", true, files.containsKey("/app/resources/logback.xml"));
    }

    /** The tokens of a launcher's first {@code opts="..."} line. */
    private static List<String> flags(String script) {
        Matcher m = Pattern.compile("(?m)^opts=\"([^\"]*)\"").matcher(script);
        return m.find() ? List.of(m.group(1).split("\\s+")) : List.of();
    }

    private static Map<String, byte[]> untar(InputStream in) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), tar.readAllBytes());
            }
        }
        return entries;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8).trim();
    }

    private void expect(String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            problems.add(what + ": expected " + expected + ", image has " + actual);
        }
    }
}
