package io.github.tsbackfill.testkit.local;

import io.github.tsbackfill.testkit.TlsFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 cluster inside a {@link DebianRoot}, run as user {@code postgres} through {@code chroot}, on a
 * free loopback port, with TimescaleDB preloaded. Each JVM gets its own throw-away data directory; it is
 * stopped and removed when the JVM exits.
 */
public final class LocalCluster {

    private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);
    private static final String CLUSTERS = "/var/lib/backfill-test";

    /** Superuser of the test clusters; tests use password authentication over TCP like real users. */
    public static final String USER = "postgres";
    public static final String PASSWORD = "backfill-test";

    private final DebianRoot root;
    private final int port;
    private final String dataDir;
    private final String bin;

    private LocalCluster(DebianRoot root, int port) {
        this.root = root;
        this.port = port;
        this.dataDir = CLUSTERS + "/c" + port;
        this.bin = "/usr/lib/postgresql/" + root.pgMajor() + "/bin/";
    }

    /** initdb + start; registers a shutdown hook that stops the cluster and deletes its data directory. */
    public static LocalCluster start(DebianRoot root) {
        removeStaleClusters(root);
        LocalCluster cluster = new LocalCluster(root, freePort());
        cluster.initdb();
        cluster.makeTlsFiles();
        cluster.startServer();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::destroy, "stop-local-timescaledb"));
        return cluster;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    private void initdb() {
        inRoot("root", "mkdir", "-p", dataDir);
        inRoot("root", "chown", "postgres:postgres", CLUSTERS, dataDir);
        Path pwfile = root.path().resolve(dataDir.substring(1) + ".pw");
        try {
            Files.writeString(pwfile, PASSWORD + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + pwfile, e);
        }
        inRoot("root", "chown", "postgres", dataDir + ".pw");
        inRoot("postgres", bin + "initdb", "-D", dataDir, "-U", USER, "--pwfile=" + dataDir + ".pw",
                "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8");
    }

    /** The server's certificate is for 127.0.0.1 only, signed by a CA made here; a second CA signs nothing. */
    private void makeTlsFiles() {
        inRoot("postgres", "sh", "-c", String.join(" && ",
                "cd " + dataDir,
                "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj /CN=backfill-test-ca",
                "openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.crt -days 3650 "
                        + "-subj /CN=backfill-other-ca",
                "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1",
                "printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext",
                "openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 3650 "
                        + "-extfile san.ext",
                "chmod 600 server.key ca.key other-ca.key"));
    }

    /** The TLS material, as paths on this machine (outside the root). */
    public TlsFiles tls() {
        Path dir = root.path().resolve(dataDir.substring(1));
        return new TlsFiles(dir.resolve("ca.crt"), dir.resolve("other-ca.crt"), host());
    }

    private void startServer() {
        String options = String.join(" ",
                "-c port=" + port,
                "-c listen_addresses=127.0.0.1",
                "-c unix_socket_directories=/tmp",
                "-c shared_preload_libraries=timescaledb",
                "-c timescaledb.telemetry_level=off",
                "-c max_connections=300",
                "-c max_locks_per_transaction=256",
                "-c ssl=on",
                "-c ssl_cert_file=" + dataDir + "/server.crt",
                "-c ssl_key_file=" + dataDir + "/server.key",
                // Throw-away test data: durability is not what is tested here.
                "-c fsync=off",
                "-c full_page_writes=off");
        inRoot("postgres", bin + "pg_ctl", "-D", dataDir, "-l", dataDir + "/server.log", "-w", "-t", "120",
                "-o", options, "start");
        log.info("local TimescaleDB cluster up on 127.0.0.1:{} ({})", port, root.path());
    }

    private void destroy() {
        try {
            inRoot("postgres", bin + "pg_ctl", "-D", dataDir, "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            log.warn("could not stop local cluster on port {}: {}", port, e.getMessage());
        }
        inRoot("root", "rm", "-rf", dataDir, dataDir + ".pw");
    }

    /** Data directories of JVMs that died without their shutdown hook (kill -9); their servers are gone too. */
    private static void removeStaleClusters(DebianRoot root) {
        Path clusters = root.path().resolve(CLUSTERS.substring(1));
        if (!Files.isDirectory(clusters)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(clusters)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Path pidFile = dir.resolve("postmaster.pid");
                boolean running = Files.exists(pidFile) && ProcessHandle.of(readPid(pidFile)).isPresent();
                if (!running) {
                    deleteTree(dir);
                }
            }
        } catch (IOException e) {
            log.warn("cannot clean stale clusters in {}: {}", clusters, e.getMessage());
        }
    }

    private static long readPid(Path pidFile) throws IOException {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void inRoot(String user, String... command) {
        List<String> argv = new ArrayList<>(List.of("chroot", "--userspec=" + user + ":" + user,
                root.path().toString()));
        argv.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed in " + root.path() + ":\n"
                        + output + tail(root.path().resolve(dataDir.substring(1) + "/server.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run chroot: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }
}
