package org.reunify.app;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.reunify.dashboard.DashboardServer;
import org.reunify.dashboard.http.ServerLimits;
import org.reunify.dashboard.http.TlsKeystore;
import org.reunify.dashboard.http.WebServer;
import org.reunify.gateway.Gateway;
import org.reunify.gateway.GatewaySettings;
import org.reunify.operations.Operations;
import org.reunify.operations.OperationsEndpoints;
import org.reunify.operations.OperationsServer;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;
import org.reunify.sink.FileTallySink;
import org.reunify.sink.PublishedTallies;
import org.reunify.sink.TallyFeed;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.TallyFollower;
import org.reunify.sink.TotalsFeed;
import org.reunify.sink.postgres.Database;
import org.reunify.sink.postgres.PostgresTallySink;
import org.reunify.streams.runtime.PipelineTopics;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.runtime.StreamsSettings;
import org.reunify.streams.runtime.TopicGuard;

/** Starts the parts of the pipeline the commands run, each registered with the command's {@link Services}. */
final class PipelineLauncher {

    private PipelineLauncher() {}

    /**
     * Creates the output topics if missing and checks every topic's configs, then starts the streams app; it stops the
     * command if it fails for good.
     */
    static StreamsRunner startStreams(
            Services services,
            Operations operations,
            Map<String, Object> clientConfig,
            StreamsSettings settings,
            Optional<Short> replication) {
        try (Admin admin = Admin.create(clientConfig)) {
            PipelineTopics.ensure(admin, settings.topology().partitions(), replication);
            TopicGuard.check(
                    admin, settings.applicationId(), settings.topology().partitions());
        }
        StreamsRunner streams = services.add(StreamsRunner.start(settings, services::fail));
        operations.watch(streams);
        return streams;
    }

    /**
     * The HTTP port of the command, not listening yet: the dashboard, health and metrics and the gateway are mounted
     * on it, then it is {@linkplain WebServer#start() started}.
     */
    static WebServer webServer(Services services, HttpOptions options, Optional<TlsKeystore> tls) {
        return services.add(WebServer.create(options.address(), tls, options.allowedHosts(), ServerLimits.DEFAULT));
    }

    /**
     * Serves the dashboard and the process's health and metrics on {@code web}, the dashboard fed by its own followers
     * of the totals, the daily totals, the destinations and the timeline, each on its own thread.
     */
    static DashboardServer startDashboard(
            Services services,
            Operations operations,
            Map<String, Object> clientConfig,
            DashboardOptions options,
            WebServer web) {
        DashboardServer server =
                services.add(DashboardServer.serveOn(web, options.suppression(), ServerLimits.DEFAULT));
        OperationsEndpoints endpoints = operations.endpoints();
        OperationsEndpoints.PATHS.forEach(path -> web.serve(path, endpoints));
        TotalsFeed feed = services.add(new TotalsFeed(clientConfig, server.listener()));
        services.runInBackground("dashboard-feed", feed);
        TallyFeed<Tally> daily = services.add(
                new TallyFeed<>(TallyFollower.of(clientConfig, PublishedTallies.DAILY), server.dailyListener()));
        services.runInBackground("dashboard-daily-feed", daily);
        TallyFeed<Tally> destinations = services.add(new TallyFeed<>(
                TallyFollower.of(clientConfig, PublishedTallies.DESTINATIONS), server.destinationsListener()));
        services.runInBackground("dashboard-destinations-feed", destinations);
        TallyFeed<TimelineEntry> timeline =
                services.add(new TallyFeed<>(TallyFollower.timeline(clientConfig), server.timelineListener()));
        services.runInBackground("dashboard-timeline-feed", timeline);
        operations.watchFollower(
                "dashboard",
                () -> feed.isCaughtUp() && daily.isCaughtUp() && destinations.isCaughtUp() && timeline.isCaughtUp());
        return server;
    }

    /**
     * Serves the gateway on {@code web}, unless it may not serve there ({@link Gateway#refusalToServe}).
     *
     * @return why it is not served, if it is not
     */
    static Optional<String> startGateway(Services services, WebServer web, GatewaySettings settings) {
        Optional<String> refusal = Gateway.refusalToServe(web, settings.secured());
        if (refusal.isEmpty()) {
            services.add(Gateway.start(settings)).serveOn(web);
        }
        return refusal;
    }

    /** Starts the PostgreSQL sink on its own thread. */
    static void startPostgresSink(
            Services services, Operations operations, Map<String, Object> clientConfig, Database database) {
        PostgresTallySink sink = services.add(new PostgresTallySink(clientConfig, database, operations.sinkMetrics()));
        services.runInBackground("postgres-sink", sink);
        operations.watchFollower("postgres-sink", sink::isCaughtUp);
    }

    /** Starts the file sink on its own thread. */
    static void startFileSink(
            Services services, Operations operations, Map<String, Object> clientConfig, Path outputDir) {
        FileTallySink sink =
                services.add(new FileTallySink(clientConfig, new TallyFiles(outputDir), operations.sinkMetrics()));
        services.runInBackground("file-sink", sink);
        operations.watchFollower("file-sink", sink::isCaughtUp);
    }

    /** The process's health and metrics, closed after everything it watches. */
    static Operations operations(Services services, Map<String, Object> clientConfig, boolean gaugesTallies) {
        return services.add(new Operations(clientConfig, gaugesTallies));
    }

    /** Health and metrics on a port of their own, for a command without a dashboard. */
    static OperationsServer serveOperations(Services services, Operations operations, InetSocketAddress address) {
        return services.add(OperationsServer.start(address, operations.endpoints()));
    }
}
