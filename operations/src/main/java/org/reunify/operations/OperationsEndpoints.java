package org.reunify.operations;

import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /health/live}, {@code /health/ready} and {@code /metrics} (Prometheus text format), served on a port of their
 * own ({@link OperationsServer}) or beside the dashboard.
 */
public final class OperationsEndpoints extends Handler.Abstract {

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    public static final String METRICS = "/metrics";
    public static final Set<String> PATHS = Set.of(LIVE, READY, METRICS);

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";

    private final Health health;
    private final Supplier<String> scrape;

    OperationsEndpoints(Health health, Supplier<String> scrape) {
        this.health = health;
        this.scrape = scrape;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            send(response, callback, 405, JSON, "{\"error\":\"use GET\"}");
            return true;
        }
        switch (Request.getPathInContext(request)) {
            case LIVE -> send(response, callback, health.live());
            case READY -> send(response, callback, health.ready());
            case METRICS -> send(response, callback, 200, PROMETHEUS_TEXT, scrape.get());
            default -> send(response, callback, 404, JSON, "{\"error\":\"no such path\"}");
        }
        return true;
    }

    private static void send(Response response, Callback callback, Health.Answer answer) {
        send(response, callback, answer.status(), JSON, answer.json());
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, body, callback);
    }
}
