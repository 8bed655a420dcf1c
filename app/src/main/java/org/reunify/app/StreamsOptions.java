package org.reunify.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.reunify.schemas.Topics;
import org.reunify.streams.runtime.StreamsSettings;
import org.reunify.streams.topology.PipelineMetrics;
import org.reunify.streams.topology.TopologySettings;
import picocli.CommandLine.Option;

/** How the streams app runs, for `reunify streams` and `reunify up`. */
final class StreamsOptions {

    @Option(
            names = "--application-id",
            defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id: group, transactional ids and internal topic prefix (default: "
                    + "${DEFAULT-VALUE}).")
    String applicationId;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description = "Stream threads in this instance (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--partitions",
            defaultValue = "" + Topics.DEFAULT_PARTITIONS,
            description = "Partitions of the pipeline's own topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--replication-factor",
            description = "Replicas of the pipeline's topics (default: the broker's default).")
    Short replication;

    Optional<Short> replication() {
        return Optional.ofNullable(replication);
    }

    StreamsSettings settings(Map<String, Object> clientConfig, Path stateDir, PipelineMetrics metrics) {
        Map<String, Object> overrides = new HashMap<>(clientConfig);
        String bootstrap = (String) overrides.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        replication().ifPresent(factor -> overrides.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) factor));
        return new StreamsSettings(
                bootstrap,
                applicationId,
                stateDir,
                threads,
                new TopologySettings(partitions).withMetrics(metrics),
                overrides);
    }
}
