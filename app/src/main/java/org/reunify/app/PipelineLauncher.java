package org.reunify.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.reunify.dashboard.DashboardServer;
import org.reunify.dashboard.HttpLimits;
import org.reunify.sink.FileTallySink;
import org.reunify.sink.PublishedTallies;
import org.reunify.sink.TallyFeed;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.TotalsFeed;
import org.reunify.sink.postgres.Database;
import org.reunify.sink.postgres.PostgresTallySink;
import org.reunify.streams.PipelineTopics;
import org.reunify.streams.StreamsRunner;
import org.reunify.streams.StreamsSettings;
import org.reunify.streams.TopicGuard;

/** Starts the parts of the pipeline the commands run, each registered with the command's {@link Services}. */
final class PipelineLauncher {

    private PipelineLauncher() {}

    /**
     * Creates the output topics if missing and checks every topic's configs, then starts the streams app; it stops the
     * command if it fails for good.
     */
    static StreamsRunner startStreams(
            Services services,
            Map<String, Object> clientConfig,
            StreamsSettings settings,
            Optional<Short> replication) {
        try (Admin admin = Admin.create(clientConfig)) {
            PipelineTopics.ensure(admin, settings.topology().partitions(), replication);
            TopicGuard.check(
                    admin, settings.applicationId(), settings.topology().partitions());
        }
        return services.add(StreamsRunner.start(settings, services::fail));
    }

    /**
     * Serves the dashboard, fed by its own followers of the totals, the daily totals and the destinations, each on its
     * own thread.
     */
    static DashboardServer startDashboard(
            Services services, Map<String, Object> clientConfig, DashboardOptions options) {
        DashboardServer server = services.add(DashboardServer.start(
                options.address(), options.suppression(), options.allowedHosts(), HttpLimits.DEFAULT));
        TotalsFeed feed = services.add(new TotalsFeed(clientConfig, server.listener()));
        services.runInBackground("dashboard-feed", feed);
        TallyFeed daily = services.add(new TallyFeed(clientConfig, PublishedTallies.DAILY, server.dailyListener()));
        services.runInBackground("dashboard-daily-feed", daily);
        TallyFeed destinations =
                services.add(new TallyFeed(clientConfig, PublishedTallies.DESTINATIONS, server.destinationsListener()));
        services.runInBackground("dashboard-destinations-feed", destinations);
        return server;
    }

    /** Starts the PostgreSQL sink on its own thread. */
    static void startPostgresSink(Services services, Map<String, Object> clientConfig, Database database) {
        PostgresTallySink sink = services.add(new PostgresTallySink(clientConfig, database));
        services.runInBackground("postgres-sink", sink);
    }

    /** Starts the file sink on its own thread. */
    static void startFileSink(Services services, Map<String, Object> clientConfig, Path outputDir) {
        FileTallySink sink = services.add(new FileTallySink(clientConfig, new TallyFiles(outputDir)));
        services.runInBackground("file-sink", sink);
    }
}
