package org.reunify.dashboard.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.DoSHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The HTTP server of the commands that serve people and probes (the dashboard, the gateway, health and metrics on
 * one port): Jetty 12's core, so that TLS, timeouts, the thread pool and its queue, the cap on connections and the
 * per-address rate are Jetty's, set from {@link ServerLimits}. On every request, before any route: the {@code Host}
 * must be one of {@link AllowedHosts} ({@code 421} otherwise), one address may make only so many requests a second
 * ({@code 429} with {@code Retry-After}), and every answer says that nothing may frame, sniff, cache or embed it, nor
 * load anything from elsewhere.
 *
 * <p>Jetty reads requests without holding a thread: a connection that is open, silent or half sent costs a socket
 * and a buffer, and is closed when it has been silent for {@link ServerLimits#readTimeout()}. A request being served
 * has {@link ServerLimits#answerTimeout()} of silence in either direction.
 */
public final class WebServer implements AutoCloseable {

    /** Jetty's own threads beside the request threads: one accepts connections, one selects ready ones. */
    private static final int ACCEPTORS = 1;

    private static final int SELECTORS = 1;
    private static final int IDLE_THREAD_MILLIS = 60_000;
    private static final int MAX_REQUEST_HEAD_BYTES = 8 * 1024;
    /**
     * What one connection may park in the kernel on its way out (Linux doubles it): without a bound, Linux lets a
     * client that stops reading take megabytes of the server's memory before a write even blocks.
     */
    private static final int SEND_BUFFER_BYTES = 32 * 1024;

    private static final String RETRY_AFTER_SECONDS = "1";
    /** Everything a page needs comes from this server: no CDN, no inline script, no framing by other sites. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final Server server;
    private final ServerConnector connector;
    private final InetSocketAddress address;
    private final boolean tls;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final QoSHandler concurrent;

    private WebServer(
            InetSocketAddress address, Optional<TlsKeystore> keystore, AllowedHosts hosts, ServerLimits limits) {
        this.address = address;
        this.tls = keystore.isPresent();
        // Jetty's own jobs must never be refused a place in the queue: requests are bounded by QoSHandler instead.
        QueuedThreadPool threads = new QueuedThreadPool(
                limits.threads() + ACCEPTORS + SELECTORS, ACCEPTORS + SELECTORS + 1, IDLE_THREAD_MILLIS);
        threads.setName("reunify-http");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(MAX_REQUEST_HEAD_BYTES);
        connector = keystore.map(key -> httpsConnector(key, http))
                .orElseGet(() -> new ServerConnector(server, ACCEPTORS, SELECTORS, new HttpConnectionFactory(http)));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.readTimeout().toMillis());
        connector.setAcceptedSendBufferSize(SEND_BUFFER_BYTES);
        server.addConnector(connector);
        server.addBean(new ConnectionLimit(limits.connections(), server));
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        server.setErrorHandler(errors);
        DoSHandler perAddress = new DoSHandler(
                new Routes(),
                DoSHandler.ID_FROM_REMOTE_ADDRESS,
                new DoSHandler.LeakingBucketTrackerFactory(limits.requestsPerSecond()),
                WebServer::tooManyRequests,
                limits.connections());
        concurrent = new Capped(perAddress);
        concurrent.setMaxRequestCount(limits.threads());
        concurrent.setMaxSuspendedRequestCount(limits.queued());
        concurrent.setMaxSuspend(limits.readTimeout());
        server.setHandler(new Guard(hosts, limits, concurrent));
    }

    private ServerConnector httpsConnector(TlsKeystore key, HttpConfiguration http) {
        SslContextFactory.Server context = new SslContextFactory.Server();
        context.setKeyStorePath(key.file().toAbsolutePath().toString());
        context.setKeyStorePassword(key.password());
        context.setKeyStoreType("PKCS12");
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // The certificate names 127.0.0.1 and localhost; which names the server answers to is AllowedHosts' say.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        return new ServerConnector(
                server,
                ACCEPTORS,
                SELECTORS,
                new SslConnectionFactory(context, "http/1.1"),
                new HttpConnectionFactory(https));
    }

    /**
     * A server for {@code address} (port 0: any free port), over TLS when a keystore is given, not yet listening:
     * {@link #serve} what it serves, then {@link #start}.
     */
    public static WebServer create(
            InetSocketAddress address, Optional<TlsKeystore> tls, AllowedHosts hosts, ServerLimits limits) {
        return new WebServer(address, tls, hosts, limits);
    }

    /**
     * Serves {@code path} with {@code handler}: that path exactly, or, for a path ending in {@code /}, every path under
     * it (the longest such wins; {@code /} takes whatever nothing else does). The handler must answer every request it
     * is given.
     */
    public void serve(String path, Request.Handler handler) {
        routes.add(new Route(path, handler));
        routes.sort(
                Comparator.comparingInt((Route route) -> route.path.length()).reversed());
    }

    /**
     * Serves {@code path} as {@link #serve} does, for answers that stay open (an event stream): they hold no thread
     * while open, so they do not count against {@link ServerLimits#threads()}, and the handler caps them itself.
     */
    public void serveOpenEnded(String path, Request.Handler handler) {
        concurrent.excludePath(path);
        serve(path, handler);
    }

    /**
     * Starts listening.
     *
     * @throws UncheckedIOException when the address is taken or cannot be listened on
     */
    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new UncheckedIOException(
                    "cannot serve HTTP on " + address.getHostString() + ":" + address.getPort() + " (" + e.getMessage()
                            + "); choose another --http-port",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    public URI uri() {
        InetAddress listening = address.getAddress();
        String host = listening == null || listening.isAnyLocalAddress() ? "127.0.0.1" : listening.getHostAddress();
        return URI.create((tls ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + connector.getLocalPort() + "/");
    }

    /** Whether the port speaks HTTPS. */
    public boolean isTls() {
        return tls;
    }

    /** Whether only this machine can reach the port: it listens on a loopback address. */
    public boolean isLoopbackOnly() {
        InetAddress listening = address.getAddress();
        return listening != null && listening.isLoopbackAddress();
    }

    /** Jetty's timer, for work a handler schedules (an event stream's keep-alives). */
    public Scheduler scheduler() {
        return server.getScheduler();
    }

    /** Connections open now. */
    public int connections() {
        return connector.getConnectedEndPoints().size();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the HTTP server on " + address, e);
        }
    }

    private static boolean tooManyRequests(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
        Replies.error(response, callback, 429, "too many requests from your address; slow down");
        return true;
    }

    /** Jetty's cap on requests served at once, whose refusal says, as every refusal here does, when to come back. */
    private static final class Capped extends QoSHandler {

        Capped(Handler next) {
            super(next);
        }

        @Override
        protected void reject(Request request, Response response, Callback callback, int status) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
            Replies.error(response, callback, status, "the server is serving all it can at once; try again shortly");
        }
    }

    private record Route(String path, Request.Handler handler) {

        boolean matches(String requested) {
            return path.endsWith("/") ? requested.startsWith(path) : requested.equals(path);
        }
    }

    /** Hands each request to the route for its path. */
    private final class Routes extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            for (Route route : routes) {
                if (route.matches(path)) {
                    return route.handler.handle(request, response, callback);
                }
            }
            Replies.error(response, callback, 404, "nothing is served at " + path);
            return true;
        }
    }

    /**
     * What every request goes through first: the answer's timeout while it is served (the read timeout again once
     * it is answered), the headers every answer carries, and the {@code Host} check.
     */
    private static final class Guard extends Handler.Wrapper {

        private final AllowedHosts hosts;
        private final ServerLimits limits;

        Guard(AllowedHosts hosts, ServerLimits limits, Handler next) {
            super(next);
            this.hosts = hosts;
            this.limits = limits;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            endPoint.setIdleTimeout(limits.answerTimeout().toMillis());
            Callback answered = new Callback.Nested(callback) {
                @Override
                public void succeeded() {
                    endPoint.setIdleTimeout(limits.readTimeout().toMillis());
                    super.succeeded();
                }

                @Override
                public void failed(Throwable failure) {
                    endPoint.setIdleTimeout(limits.readTimeout().toMillis());
                    super.failed(failure);
                }
            };
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.getHeaders().put("Referrer-Policy", "no-referrer");
            if (!hosts.allows(request.getHeaders().get(HttpHeader.HOST))) {
                Replies.error(
                        response,
                        answered,
                        421,
                        "this server does not answer to the name in your request's Host header; its operator can add"
                                + " a name with --http-allowed-host");
                return true;
            }
            return super.handle(request, response, answered);
        }
    }
}
