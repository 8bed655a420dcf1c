package org.reunify.operations;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The health and metrics endpoints on a port of their own, for the commands that serve no dashboard. */
public final class OperationsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsServer.class);

    private final HttpServer server;
    private final ExecutorService threads;

    private OperationsServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * @throws UncheckedIOException when the address is taken
     */
    public static OperationsServer start(InetSocketAddress address, OperationsEndpoints endpoints) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot serve health and metrics on " + address.getHostString() + ":" + address.getPort() + " ("
                            + e.getMessage() + "); choose another --metrics-port",
                    e);
        }
        OperationsEndpoints.PATHS.forEach(path -> server.createContext(path, endpoints));
        // Probes and scrapes are few and short: two threads, so that a slow scrape does not hold up a probe.
        ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "reunify-operations");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.start();
        LOG.info(
                "health on http://{}:{}{} and {}, metrics on {}",
                address.getHostString(),
                server.getAddress().getPort(),
                OperationsEndpoints.LIVE,
                OperationsEndpoints.READY,
                OperationsEndpoints.METRICS);
        return new OperationsServer(server, threads);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
