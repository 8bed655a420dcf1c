package org.reunify.app.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.reunify.sink.FileTallySink;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.postgres.Database;
import org.reunify.sink.postgres.PostgresTallySink;
import org.reunify.streams.runtime.PipelineTopics;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.runtime.StreamsSettings;
import org.reunify.streams.topology.TopologySettings;

/**
 * The running parts of the pipeline in a test, wired as {@code reunify streams} and {@code reunify sink} wire them:
 * streams instances that can be stopped and started again, and the sinks.
 */
public final class Pipeline {

    private final Map<String, Object> client;
    private final TopologySettings topology;
    private final short replication;

    public Pipeline(Map<String, Object> client, TopologySettings topology) {
        this(client, topology, (short) 1);
    }

    /** @param replication of the pipeline's topics and of the streams app's internal topics */
    public Pipeline(Map<String, Object> client, TopologySettings topology, short replication) {
        this.client = Map.copyOf(client);
        this.topology = topology;
        this.replication = replication;
        try (Admin admin = Admin.create(client)) {
            PipelineTopics.ensure(admin, topology.partitions(), Optional.of(replication));
        }
    }

    /** One instance of the streams app, its state in {@code stateDir}; returns once it processes. */
    public StreamsRunner startStreams(Path stateDir) {
        return startStreams(stateDir, StreamsSettings.DEFAULT_APPLICATION_ID);
    }

    /** One instance of the streams app under this application id: a new id counts the history from nothing. */
    public StreamsRunner startStreams(Path stateDir, String applicationId) {
        return launchStreams(stateDir, applicationId).awaitRunning(Duration.ofMinutes(2));
    }

    /** One instance of the streams app, its state in {@code stateDir}; returns as soon as it is started. */
    public StreamsRunner launchStreams(Path stateDir) {
        return launchStreams(stateDir, StreamsSettings.DEFAULT_APPLICATION_ID);
    }

    private StreamsRunner launchStreams(Path stateDir, String applicationId) {
        StreamsSettings settings = new StreamsSettings(
                (String) client.get("bootstrap.servers"),
                applicationId,
                stateDir,
                1,
                topology,
                Map.of("commit.interval.ms", 100, "replication.factor", (int) replication));
        return StreamsRunner.start(settings, failure -> {});
    }

    /** The file sink on its own thread, as {@code reunify sink --output DIR} runs it. */
    public FileTallySink startFileSink(TallyFiles files) {
        return onItsOwnThread(new FileTallySink(client, files), "file-sink");
    }

    /** The PostgreSQL sink on its own thread, as {@code reunify sink --jdbc-url URL} runs it. */
    public PostgresTallySink startPostgresSink(Database database) {
        return onItsOwnThread(new PostgresTallySink(client, database), "postgres-sink");
    }

    private static <T extends Runnable> T onItsOwnThread(T sink, String name) {
        Thread thread = new Thread(sink, name);
        thread.setDaemon(true);
        thread.start();
        return sink;
    }
}
