package org.reunify.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.regex.Pattern;
import org.reunify.schemas.Region;
import org.reunify.schemas.Regions;
import org.reunify.schemas.ReunifyVersion;
import org.reunify.schemas.TallyRow;
import org.reunify.schemas.TimelineEntry;
import org.reunify.schemas.Topics;
import org.reunify.sink.TallyFeed;
import org.reunify.sink.TotalsFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard over HTTP: the page at {@code /} and its assets, all from the jar; {@code /api/totals},
 * {@code /api/totals/{region}}, {@code /api/regions}, {@code /api/about}, the {@link ChartApi} and the Server-Sent
 * Events of {@code /api/events}. Read-only: anything but GET is refused, and so is any request for a name not in its
 * {@link AllowedHosts}. What it may take of the JVM is bounded by its {@link HttpLimits}: request workers, event
 * streams (each on a thread of its own, so that they never take a worker), and how long a client may hold either.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASSETS = "/org/reunify/dashboard/www/";
    private static final Pattern ASSET_NAME = Pattern.compile("[a-z0-9-]+\\.(html|css|js|svg)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final Duration WATCHDOG_TICK = Duration.ofMillis(200);
    private static final String RETRY_STREAM_AFTER_SECONDS = "10";
    /** How often a suppressed dashboard publishes its table again: see {@link LiveTotals}. */
    private static final Duration SUPPRESSED_REFRESH = Duration.ofSeconds(30);

    private final LiveTotals totals;
    private final LiveDaily daily;
    private final LiveDestinations destinations;
    private final LiveTimeline timeline;
    private final ChartApi chartApi;
    private final AllowedHosts hosts;
    private final HttpLimits limits;
    private final HttpServer server;
    private final Watchdog watchdog = new Watchdog(WATCHDOG_TICK);
    private final RequestWorkers workers;
    private final ThreadPoolExecutor streamThreads;
    private final StreamSlots slots;
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private final Map<String, HttpHandler> alsoServed = new ConcurrentHashMap<>();

    private DashboardServer(
            Suppression suppression,
            Duration suppressedRefresh,
            AllowedHosts hosts,
            HttpLimits limits,
            HttpServer server) {
        Subscribers subscribers = new Subscribers();
        this.daily = new LiveDaily(suppression, subscribers);
        this.destinations = new LiveDestinations(suppression, subscribers);
        this.timeline = new LiveTimeline(suppression, subscribers);
        this.totals = new LiveTotals(suppression, suppressedRefresh, subscribers, () -> {
            daily.republish();
            destinations.republish();
            timeline.republish();
        });
        this.chartApi = new ChartApi(daily, destinations, timeline);
        this.hosts = hosts;
        this.limits = limits;
        this.server = server;
        this.workers = new RequestWorkers(limits, watchdog);
        this.slots = new StreamSlots(limits.eventStreams(), limits.eventStreamsPerClient());
        // As many threads as slots; a stream whose slot was just freed may wait a moment for its thread.
        this.streamThreads = DaemonThreads.pool("dashboard-events", limits.eventStreams(), new LinkedBlockingQueue<>());
    }

    /**
     * Starts serving on {@code address} (port 0: any free port); the figures arrive through {@link #listener()},
     * {@link #dailyListener()}, {@link #destinationsListener()} and {@link #timelineListener()}.
     *
     * @throws UncheckedIOException when the address is taken
     */
    public static DashboardServer start(
            InetSocketAddress address, Suppression suppression, AllowedHosts hosts, HttpLimits limits) {
        return start(address, suppression, hosts, limits, SUPPRESSED_REFRESH);
    }

    static DashboardServer start(
            InetSocketAddress address,
            Suppression suppression,
            AllowedHosts hosts,
            HttpLimits limits,
            Duration suppressedRefresh) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 64);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot serve the dashboard on " + address.getHostString() + ":" + address.getPort() + " ("
                            + e.getMessage() + "); choose another --http-port",
                    e);
        }
        DashboardServer dashboard = new DashboardServer(suppression, suppressedRefresh, hosts, limits, server);
        server.createContext("/", dashboard::handle);
        server.setExecutor(dashboard.workers);
        server.start();
        return dashboard;
    }

    /** Where the totals feed delivers. */
    public TotalsFeed.Listener listener() {
        return totals;
    }

    /** Where the feed of {@code reunification.totals.daily} delivers. */
    public TallyFeed.Listener<TallyRow> dailyListener() {
        return daily;
    }

    /** Where the feed of {@code reunification.destinations} delivers. */
    public TallyFeed.Listener<TallyRow> destinationsListener() {
        return destinations;
    }

    /** Where the feed of {@code reunification.timeline} delivers. */
    public TallyFeed.Listener<TimelineEntry> timelineListener() {
        return timeline;
    }

    /**
     * Serves {@code path} with {@code handler} too, as the dashboard's own answers are served: to the names it answers
     * to, {@code GET} only. For the process's health and metrics, on the one port {@code up} has.
     */
    public void alsoServe(String path, HttpHandler handler) {
        alsoServed.put(path, handler);
    }

    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress()
                ? "127.0.0.1"
                : address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    /** Event streams open now. */
    int openStreams() {
        return slots.open();
    }

    /** Workers reading a request or writing an answer now. */
    int busyWorkers() {
        return workers.busy();
    }

    private void handle(HttpExchange exchange) {
        workers.requestRead();
        boolean allowed = hosts.allows(exchange.getRequestHeaders().getFirst("Host"));
        boolean get = "GET".equals(exchange.getRequestMethod());
        if (allowed && get && exchange.getRequestURI().getPath().equals("/api/events")) {
            openStream(exchange);
            return;
        }
        try (exchange) {
            if (!allowed) {
                sendJson(
                        exchange,
                        421,
                        error("this dashboard does not answer to the name in your request's Host header; "
                                + "its operator can add a name with --http-allowed-host"));
            } else if (!get) {
                exchange.getResponseHeaders().set("Allow", "GET");
                sendJson(exchange, 405, error("the dashboard is read-only: use GET"));
            } else {
                route(exchange, exchange.getRequestURI().getPath());
            }
        } catch (IOException e) {
            brokenOff(exchange, e);
        }
    }

    private static void brokenOff(HttpExchange exchange, IOException e) {
        // The browser went away mid-response, or was too slow to take it: nothing to tell anyone.
        LOG.debug("dashboard response to {} broken off: {}", exchange.getRemoteAddress(), e.toString());
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        HttpHandler other = alsoServed.get(path);
        if (other != null) {
            other.handle(exchange);
        } else if (path.equals("/api/totals")) {
            sendFigures(exchange, totals.totals(), Topics.TOTALS.name());
        } else if (path.startsWith("/api/totals/")) {
            String region = path.substring("/api/totals/".length());
            if (Regions.byCode(region).isEmpty()) {
                sendNoSuchRegion(exchange, region);
            } else {
                sendFigures(exchange, totals.tally(region), Topics.TOTALS.name());
            }
        } else if (ChartApi.serves(path)) {
            chartApi.answer(exchange, path);
        } else if (path.equals("/api/regions")) {
            sendJson(exchange, 200, regions());
        } else if (path.equals("/api/about")) {
            sendJson(exchange, 200, about());
        } else if (path.startsWith("/api/")) {
            sendJson(exchange, 404, error("no such API: " + path));
        } else {
            sendAsset(exchange, path.equals("/") ? "index.html" : path.substring(1));
        }
    }

    /** The figures, or {@code 503} while the topic they come from is still being read. */
    static void sendFigures(HttpExchange exchange, Optional<String> json, String topic) throws IOException {
        if (json.isPresent()) {
            sendJson(exchange, 200, json.get());
        } else {
            exchange.getResponseHeaders().set("Retry-After", "2");
            sendJson(exchange, 503, error("still reading " + topic + "; try again in a moment"));
        }
    }

    static void sendNoSuchRegion(HttpExchange exchange, String region) throws IOException {
        sendJson(
                exchange,
                404,
                error("no region '" + region
                        + "': use an ISO 3166-2:UA code such as UA-14, or UA for the whole country"));
    }

    /** Takes a slot and hands the exchange to a thread of its own, or refuses; the worker is free either way. */
    private void openStream(HttpExchange exchange) {
        InetAddress client = exchange.getRemoteAddress().getAddress();
        Optional<StreamSlots.Refusal> refusal = slots.take(client);
        if (refusal.isPresent()) {
            try (exchange) {
                exchange.getResponseHeaders().set("Retry-After", RETRY_STREAM_AFTER_SECONDS);
                sendJson(exchange, refusal.get().status, error(refusal.get().message));
            } catch (IOException e) {
                brokenOff(exchange, e);
            }
            return;
        }
        streamThreads.execute(() -> {
            try (exchange) {
                stream(exchange);
            } catch (IOException e) {
                brokenOff(exchange, e);
            } finally {
                slots.release(client);
            }
        });
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        try (Watchdog.Watch watch = watchdog.watch(limits.streamStall())) {
            exchange.sendResponseHeaders(200, 0);
            EventStream stream = new EventStream(watch, limits.streamStall());
            streams.add(stream);
            totals.subscribe(stream);
            try {
                stream.writeUntilClosed(exchange.getResponseBody());
            } finally {
                totals.unsubscribe(stream);
                streams.remove(stream);
            }
        }
    }

    private void sendAsset(HttpExchange exchange, String name) throws IOException {
        InputStream asset =
                ASSET_NAME.matcher(name).matches() ? DashboardServer.class.getResourceAsStream(ASSETS + name) : null;
        if (asset == null) {
            send(
                    exchange,
                    404,
                    "text/plain; charset=utf-8",
                    ("not found: /" + name + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] body;
        try (asset) {
            body = asset.readAllBytes();
        }
        send(exchange, 200, CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body);
    }

    static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, JSON_TYPE, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        // Everything the page needs comes from this server: no CDN, no inline script, no framing by other sites.
        exchange.getResponseHeaders()
                .set(
                        "Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
                                + "form-action 'none'");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString() + "\n";
    }

    private static String regions() {
        ArrayNode array = JSON.createArrayNode();
        for (Region region : Regions.allWithNational()) {
            array.addObject()
                    .put("region", region.code())
                    .put("nameEn", region.nameEn())
                    .put("nameUk", region.nameUk());
        }
        return array + "\n";
    }

    private String about() {
        ObjectNode about =
                JSON.createObjectNode().put("version", ReunifyVersion.get()).put("totalsTopic", Topics.TOTALS.name());
        if (totals.suppression().active()) {
            about.put("suppressBelow", totals.suppression().below());
        } else {
            about.putNull("suppressBelow");
        }
        return about + "\n";
    }

    @Override
    public void close() {
        streams.forEach(EventStream::end);
        server.stop(1);
        streamThreads.shutdownNow();
        workers.close();
        watchdog.close();
        totals.close();
    }
}
