package org.reunify.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.dashboard.http.AllowedHosts;
import org.reunify.dashboard.http.JarAssets;
import org.reunify.dashboard.http.Replies;
import org.reunify.dashboard.http.ServerLimits;
import org.reunify.dashboard.http.WebServer;
import org.reunify.dashboard.live.LiveDaily;
import org.reunify.dashboard.live.LiveDestinations;
import org.reunify.dashboard.live.LiveTimeline;
import org.reunify.dashboard.live.LiveTotals;
import org.reunify.dashboard.live.Subscribers;
import org.reunify.schemas.Region;
import org.reunify.schemas.Regions;
import org.reunify.schemas.ReunifyVersion;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;
import org.reunify.schemas.Topics;
import org.reunify.sink.TallyFeed;
import org.reunify.sink.TotalsFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard over HTTP: the page at {@code /} and its assets, all from the jar; {@code /api/totals},
 * {@code /api/totals/{region}}, {@code /api/regions}, {@code /api/about}, the {@link ChartApi} and the Server-Sent
 * Events of {@code /api/events}, served by a {@link WebServer} (its own, or one it shares with the gateway and the
 * operations endpoints). Read-only: anything but GET is refused. Event streams are capped in all and per address
 * ({@link StreamSlots}); none holds a thread while it waits for a change.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JarAssets ASSETS = new JarAssets(
            DashboardServer.class,
            "/org/reunify/dashboard/www/",
            Pattern.compile("[a-z0-9-]+\\.(html|css|js|svg)"),
            Map.of(
                    "html", "text/html; charset=utf-8",
                    "css", "text/css; charset=utf-8",
                    "js", "text/javascript; charset=utf-8",
                    "svg", "image/svg+xml"));
    private static final String RETRY_STREAM_AFTER_SECONDS = "10";
    private static final String EVENTS = "/api/events";
    /** How often a suppressed dashboard publishes its table again: see {@link LiveTotals}. */
    private static final Duration SUPPRESSED_REFRESH = Duration.ofSeconds(30);

    private final LiveTotals totals;
    private final LiveDaily daily;
    private final LiveDestinations destinations;
    private final LiveTimeline timeline;
    private final ChartApi chartApi;
    private final WebServer web;
    private final Optional<WebServer> owned;
    private final Scheduler scheduler;
    private final StreamSlots slots;
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();

    private DashboardServer(
            Suppression suppression, Duration suppressedRefresh, WebServer web, boolean ownsWeb, ServerLimits limits) {
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
        this.web = web;
        this.owned = ownsWeb ? Optional.of(web) : Optional.empty();
        this.scheduler = web.scheduler();
        this.slots = new StreamSlots(limits.eventStreams(), limits.eventStreamsPerClient());
        web.serve("/", this::handle);
        web.serveOpenEnded(EVENTS, this::handle);
    }

    /**
     * Serves the dashboard at {@code /} of {@code web}, which the caller starts and closes (after this); the figures
     * arrive through {@link #listener()}, {@link #dailyListener()},
     * {@link #destinationsListener()} and {@link #timelineListener()}.
     */
    public static DashboardServer serveOn(WebServer web, Suppression suppression, ServerLimits limits) {
        return new DashboardServer(suppression, SUPPRESSED_REFRESH, web, false, limits);
    }

    /**
     * Starts serving on a server of its own at {@code address} (port 0: any free port).
     *
     * @throws UncheckedIOException when the address is taken
     */
    public static DashboardServer start(
            InetSocketAddress address, Suppression suppression, AllowedHosts hosts, ServerLimits limits) {
        return start(address, suppression, hosts, limits, SUPPRESSED_REFRESH);
    }

    static DashboardServer start(
            InetSocketAddress address,
            Suppression suppression,
            AllowedHosts hosts,
            ServerLimits limits,
            Duration suppressedRefresh) {
        WebServer web = WebServer.create(address, Optional.empty(), hosts, limits);
        DashboardServer dashboard = new DashboardServer(suppression, suppressedRefresh, web, true, limits);
        try {
            web.start();
        } catch (RuntimeException e) {
            dashboard.close();
            throw e;
        }
        return dashboard;
    }

    /** Where the totals feed delivers. */
    public TotalsFeed.Listener listener() {
        return totals;
    }

    /** Where the feed of {@code reunification.totals.daily} delivers. */
    public TallyFeed.Listener<Tally> dailyListener() {
        return daily;
    }

    /** Where the feed of {@code reunification.destinations} delivers. */
    public TallyFeed.Listener<Tally> destinationsListener() {
        return destinations;
    }

    /** Where the feed of {@code reunification.timeline} delivers. */
    public TallyFeed.Listener<TimelineEntry> timelineListener() {
        return timeline;
    }

    public URI uri() {
        return web.uri();
    }

    /** Event streams open now. */
    int openStreams() {
        return slots.open();
    }

    /** Connections open to the server now. */
    int openConnections() {
        return web.connections();
    }

    private boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            Replies.error(response, callback, 405, "the dashboard is read-only: use GET");
        } else if (path.equals(EVENTS)) {
            openStream(request, response, callback);
        } else {
            route(request, response, callback, path);
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback, String path) {
        if (path.equals("/api/totals")) {
            sendFigures(response, callback, totals.totals(), Topics.TOTALS.name());
        } else if (path.startsWith("/api/totals/")) {
            String region = path.substring("/api/totals/".length());
            if (Regions.byCode(region).isEmpty()) {
                sendNoSuchRegion(response, callback, region);
            } else {
                sendFigures(response, callback, totals.tally(region), Topics.TOTALS.name());
            }
        } else if (ChartApi.serves(path)) {
            chartApi.answer(request, response, callback, path);
        } else if (path.equals("/api/regions")) {
            sendJson(response, callback, 200, regions());
        } else if (path.equals("/api/about")) {
            sendJson(response, callback, 200, about());
        } else if (path.startsWith("/api/")) {
            sendJson(response, callback, 404, Replies.errorJson("no such API: " + path));
        } else {
            ASSETS.send(response, callback, path.equals("/") ? "index.html" : path.substring(1));
        }
    }

    /** The figures, or {@code 503} while the topic they come from is still being read. */
    static void sendFigures(Response response, Callback callback, Optional<String> json, String topic) {
        if (json.isPresent()) {
            sendJson(response, callback, 200, json.get());
        } else {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "2");
            sendJson(response, callback, 503, Replies.errorJson("still reading " + topic + "; try again in a moment"));
        }
    }

    static void sendNoSuchRegion(Response response, Callback callback, String region) {
        sendJson(
                response,
                callback,
                404,
                Replies.errorJson("no region '" + region
                        + "': use an ISO 3166-2:UA code such as UA-14, or UA for the whole country"));
    }

    static void sendJson(Response response, Callback callback, int status, String json) {
        Replies.json(response, callback, status, json);
    }

    /** Takes a slot and starts the stream, or refuses. */
    private void openStream(Request request, Response response, Callback callback) {
        InetAddress client =
                ((InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress()).getAddress();
        Optional<StreamSlots.Refusal> refusal = slots.take(client);
        if (refusal.isPresent()) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_STREAM_AFTER_SECONDS);
            Replies.error(response, callback, refusal.get().status, refusal.get().message);
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put("X-Accel-Buffering", "no");
        EventStream stream = new EventStream(
                response, request.getConnectionMetaData().getConnection().getEndPoint(), scheduler);
        stream.open(new Callback.Nested(callback) {
            @Override
            public void completed() {
                totals.unsubscribe(stream);
                streams.remove(stream);
                slots.release(client);
            }

            @Override
            public void failed(Throwable failure) {
                // The browser went away, or was too slow to take the stream: nothing to tell anyone.
                LOG.debug("event stream to {} ended: {}", client, failure.toString());
                super.failed(failure);
            }
        });
        streams.add(stream);
        totals.subscribe(stream);
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
        owned.ifPresent(WebServer::close);
        totals.close();
    }
}
