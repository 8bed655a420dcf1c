package org.reunify.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health and metrics endpoints on a port of their own, for the commands that serve no dashboard: a Jetty server
 * of a few threads, since probes and scrapes are few and short.
 */
public final class OperationsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsServer.class);
    /** Two serve (a slow scrape does not hold up a probe); Jetty's acceptor and selector take two more. */
    private static final int THREADS = 4;

    private static final long IDLE_TIMEOUT_MILLIS = 30_000;

    private final Server server;
    private final ServerConnector connector;

    private OperationsServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * @throws UncheckedIOException when the address is taken
     */
    public static OperationsServer start(InetSocketAddress address, OperationsEndpoints endpoints) {
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, THREADS);
        threads.setName("reunify-operations");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        server.addConnector(connector);
        server.setHandler(endpoints);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server, e);
            throw new UncheckedIOException(
                    "cannot serve health and metrics on " + address.getHostString() + ":" + address.getPort() + " ("
                            + e.getMessage() + "); choose another --metrics-port",
                    e instanceof IOException io ? io : new IOException(e));
        }
        LOG.info(
                "health on http://{}:{}{} and {}, metrics on {}",
                address.getHostString(),
                connector.getLocalPort(),
                OperationsEndpoints.LIVE,
                OperationsEndpoints.READY,
                OperationsEndpoints.METRICS);
        return new OperationsServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the health and metrics server", e);
        }
    }

    private static void stopQuietly(Server server, Exception failure) {
        try {
            server.stop();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
