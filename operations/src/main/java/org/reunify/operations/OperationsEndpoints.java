package org.reunify.operations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /health/live}, {@code /health/ready} and {@code /metrics} (Prometheus text format), served on a port of their
 * own ({@link OperationsServer}) or beside the dashboard.
 */
public final class OperationsEndpoints implements HttpHandler {

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    public static final String METRICS = "/metrics";
    public static final Set<String> PATHS = Set.of(LIVE, READY, METRICS);

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Health health;
    private final Supplier<String> scrape;

    OperationsEndpoints(Health health, Supplier<String> scrape) {
        this.health = health;
        this.scrape = scrape;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "application/json", "{\"error\":\"use GET\"}");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case LIVE -> send(exchange, health.live());
                case READY -> send(exchange, health.ready());
                case METRICS -> send(exchange, 200, PROMETHEUS_TEXT, scrape.get());
                default -> send(exchange, 404, "application/json", "{\"error\":\"no such path\"}");
            }
        }
    }

    private static void send(HttpExchange exchange, Health.Answer answer) throws IOException {
        send(exchange, answer.status(), "application/json", answer.json());
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
