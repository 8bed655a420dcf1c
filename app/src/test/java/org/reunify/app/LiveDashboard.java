package org.reunify.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;
import org.reunify.app.support.EventLines;
import org.reunify.app.support.Pipeline;
import org.reunify.dashboard.DashboardServer;
import org.reunify.dashboard.http.WebServer;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.topology.TopologySettings;

/**
 * A running pipeline with the dashboard in front of it, wired as {@code reunify up} wires it, and one agency to
 * publish as: what the dashboard tests look at.
 */
public final class LiveDashboard implements AutoCloseable {

    public static final String AGENCY = "nib";

    private final Map<String, Object> client;
    private final Path dir;
    private final Services services = new Services();
    private DashboardServer server;
    private int files;

    /** The pipeline with the dashboard in front of it, small counts suppressed below {@code suppressBelow} if given. */
    public LiveDashboard(Map<String, Object> client, Path dir, Integer suppressBelow) {
        this(client, dir);
        serveDashboard(suppressBelow);
    }

    /** The pipeline alone, for a test that puts the dashboard in front of it later ({@link #serveDashboard}). */
    public LiveDashboard(Map<String, Object> client, Path dir) {
        this.client = client;
        this.dir = dir;
        try (Admin admin = Admin.create(client)) {
            new AgencyProvisioning(admin).add(AGENCY, OptionalInt.empty(), Optional.of((short) 1));
        }
        StreamsRunner streams = new Pipeline(client, TopologySettings.defaults()).startStreams(dir.resolve("streams"));
        services.add(() -> streams.close());
    }

    /** Serves the dashboard, as {@code reunify up} serves it, with {@code --suppress-below} if given. */
    public void serveDashboard(Integer suppressBelow) {
        DashboardOptions options = new DashboardOptions();
        options.http = new HttpOptions();
        options.http.httpHost = "127.0.0.1";
        options.http.httpPort = 0;
        options.suppressBelow = suppressBelow;
        WebServer web = PipelineLauncher.webServer(services, options.http, Optional.empty());
        server = PipelineLauncher.startDashboard(
                services, PipelineLauncher.operations(services, client, false), client, options, web);
        web.start();
    }

    public URI uri() {
        return server.uri();
    }

    public void publish(String... lines) throws IOException {
        Path batch = dir.resolve("batch-" + files++);
        batch.toFile().mkdirs();
        EventLines.publish(client, batch, AGENCY, List.of(lines));
    }

    @Override
    public void close() {
        services.close();
    }
}
