package org.reunify.testkit;

import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** One apache/kafka broker in a Docker container, the same release as the project's Kafka clients. */
final class ContainerBroker implements BrokerBackend {

    /** The image tag follows the kafka-clients jar on the classpath, and so the kafka.version property. */
    private static final String IMAGE = "apache/kafka:" + AppInfoParser.getVersion();

    /** KafkaContainer runs a single combined broker and controller with this node id. */
    private static final int NODE_ID = 1;

    private final KafkaContainer container;

    private ContainerBroker(KafkaContainer container) {
        this.container = container;
    }

    /**
     * Whether a Docker daemon answers. Testcontainers reports a missing daemon as {@code false}
     * rather than throwing, and remembers the answer for the rest of the JVM.
     */
    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static ContainerBroker start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        BrokerConfigs.forCombinedNode(1).forEach((key, value) -> container.withEnv(environmentVariable(key), value));
        container.start();
        return new ContainerBroker(container);
    }

    /** The apache/kafka image's mapping from environment variables back to broker settings. */
    private static String environmentVariable(String config) {
        return "KAFKA_"
                + config.replace("_", "__")
                        .replace("-", "___")
                        .replace('.', '_')
                        .toUpperCase(Locale.ROOT);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String description() {
        return "Testcontainers " + IMAGE;
    }

    @Override
    public List<Integer> brokerIds() {
        return List.of(NODE_ID);
    }

    @Override
    public void close() {
        container.stop();
    }
}
