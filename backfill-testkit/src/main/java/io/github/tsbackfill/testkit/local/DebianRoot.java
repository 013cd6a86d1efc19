package io.github.tsbackfill.testkit.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.github.tsbackfill.testkit.Versions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Debian root with a PostgreSQL server and TimescaleDB, provisioned with debootstrap into a cache directory and
 * overlaid with the Timescale-License builds found next to the project: trixie with PostgreSQL 17 (and Debian's
 * TimescaleDB 2.19.3), or bookworm with PostgreSQL 15 for old sources. Provisioning is idempotent: a second run
 * only checks markers.
 */
public final class DebianRoot {

    /** Which Debian release and PostgreSQL major a root holds. */
    public enum Flavor {
        PG17_TRIXIE("trixie", 17, "postgresql-17,postgresql-17-timescaledb"),
        PG15_BOOKWORM("bookworm", 15, "postgresql-15");

        final String suite;
        final int pg;
        final String packages;

        Flavor(String suite, int pg, String packages) {
            this.suite = suite;
            this.pg = pg;
            this.packages = packages;
        }

        String directoryName() {
            return "pg" + pg + "-" + suite;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DebianRoot.class);
    private static final Pattern INSTALL_SCRIPT = Pattern.compile("timescaledb--(\\d+\\.\\d+\\.\\d+)\\.sql");

    private final Path root;
    private final Flavor flavor;
    private final Optional<Path> tslDirectory;

    private DebianRoot(Path root, Flavor flavor, Optional<Path> tslDirectory) {
        this.root = root;
        this.flavor = flavor;
        this.tslDirectory = tslDirectory;
    }

    /** The PostgreSQL 17 root (see {@link #locate(Flavor)}). */
    public static DebianRoot locate() {
        return locate(Flavor.PG17_TRIXIE);
    }

    /**
     * The root at {@code ~/.cache/timescaledb-backfill/pg17-trixie} (or {@code pg15-bookworm}; the PostgreSQL 17 one
     * may be moved with {@code $BACKFILL_TEST_ROOT}); TSL builds from {@code $BACKFILL_TSL_DIR}, or the nearest
     * {@code shared/timescaledb} above the working directory.
     */
    public static DebianRoot locate(Flavor flavor) {
        String configured = flavor == Flavor.PG17_TRIXIE ? System.getenv("BACKFILL_TEST_ROOT") : null;
        Path root = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "timescaledb-backfill", flavor.directoryName());
        return new DebianRoot(root.toAbsolutePath(), flavor, findTslDirectory());
    }

    /** The PostgreSQL major version this root serves. */
    public int pgMajor() {
        return flavor.pg;
    }

    /** Whether this machine has the TSL builds for this root (a PostgreSQL 15 root is only worth it with them). */
    public boolean hasTslBuilds() {
        return tslDirectory.map(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                return files.anyMatch(f -> f.getFileName().toString().startsWith("pg" + flavor.pg + "-timescaledb-tsl-"));
            } catch (IOException e) {
                return false;
            }
        }).orElse(false);
    }

    public Path path() {
        return root;
    }

    /** Where the Timescale-License builds come from, when present on this machine. */
    public Optional<Path> tslDirectory() {
        return tslDirectory;
    }

    /** Runs the provisioning script; the first run on a machine takes a minute or two. */
    public void provision() {
        try {
            Files.createDirectories(root.getParent());
            Path script = Files.createTempFile("provision-root", ".sh");
            try (InputStream in = DebianRoot.class.getResourceAsStream("provision-root.sh")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> command = new ArrayList<>(List.of("bash", script.toString(), root.toString(), flavor.suite,
                    String.valueOf(flavor.pg), flavor.packages));
            tslDirectory.ifPresent(dir -> command.add(dir.toString()));
            log.info("provisioning TimescaleDB root {} (first run: debootstrap, about a minute)", root);
            Path output = Files.createTempFile("provision-root", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("provisioning " + root + " timed out after 20 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("provisioning " + root + " failed (exit " + process.exitValue()
                        + "):\n" + Files.readString(output));
            }
            Files.deleteIfExists(script);
            Files.deleteIfExists(output);
        } catch (IOException e) {
            throw new IllegalStateException("provisioning " + root + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning " + root, e);
        }
    }

    /** TimescaleDB versions installable in this root (those with an install script), oldest first. */
    public List<String> timescaleVersions() {
        Path extensions = root.resolve("usr/share/postgresql/" + flavor.pg + "/extension");
        try (Stream<Path> files = Files.list(extensions)) {
            return files.map(f -> INSTALL_SCRIPT.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .sorted(Versions::compare)
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + extensions + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Path> findTslDirectory() {
        String configured = System.getenv("BACKFILL_TSL_DIR");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isDirectory);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("timescaledb");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
