package io.github.tsbackfill.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a test database that can fail on demand: {@link #drop()} resets every open
 * connection (a crashed server or a cut network), {@link #stall()} keeps them open but silent (a hung backend or a
 * black-holed route); connections opened afterwards work. Connect through {@link #jdbcUrl(TestDatabase)}.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(db.source())) {
 *     DataSource flaky = ...proxy.jdbcUrl(db.source())...;
 *     // run the code under test; call proxy.drop() or proxy.stall() when it is mid-way
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> stalled = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private FaultProxy(ServerSocket server, String upstreamHost, int upstreamPort) {
        this.server = server;
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
    }

    /** Listens on a free loopback port and forwards to {@code db}'s server. */
    public static FaultProxy start(TestDatabase db) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        FaultProxy proxy = new FaultProxy(server, db.host(), db.port());
        Thread acceptor = new Thread(proxy::accept, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code db}'s JDBC URL through this proxy, with {@code parameters} (say {@code socketTimeout=3}) appended. */
    public String jdbcUrl(TestDatabase db, String parameters) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + db.database() + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    public String jdbcUrl(TestDatabase db) {
        return jdbcUrl(db, "");
    }

    /** Resets every open connection, both ways; new connections still work. */
    public void drop() {
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0);
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        open.clear();
    }

    /** Stops forwarding on the open connections: they stay open and silent until {@link #drop()}. */
    public void stall() {
        stalled.addAll(open);
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            try {
                Socket upstream = new Socket(upstreamHost, upstreamPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 << 10];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    while (stalled.contains(from) && !from.isClosed()) {
                        Thread.sleep(20);
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the other side reset or closed: the pump ends with the connection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        drop();
    }
}
