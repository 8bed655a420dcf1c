package org.reunify.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.server.common.MetadataVersion;

/** A KRaft cluster inside this JVM: one controller and {@code brokers} brokers, combined when there is one broker. */
final class InJvmCluster implements BrokerBackend {

    private final KafkaClusterTestKit cluster;
    private final Path baseDirectory;
    /**
     * Read once at start: the test kit computes it from live sockets and fails while a broker is
     * stopped, but a restarted broker binds its old port again, so the address stays valid.
     */
    private final String bootstrapServers;

    private InJvmCluster(KafkaClusterTestKit cluster, Path baseDirectory) {
        this.cluster = cluster;
        this.baseDirectory = baseDirectory;
        this.bootstrapServers = cluster.bootstrapServers();
    }

    static InJvmCluster start(int brokers) {
        Path baseDirectory = createBaseDirectory();
        KafkaClusterTestKit cluster = null;
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes(brokers, baseDirectory));
            BrokerConfigs.forEveryNode(brokers).forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new InJvmCluster(cluster, baseDirectory);
        } catch (Exception e) {
            RuntimeException failure = Failures.unchecked("could not start an in-JVM Kafka cluster", e);
            try {
                closeAndDelete(cluster, baseDirectory);
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    private static TestKitNodes nodes(int brokers, Path baseDirectory) {
        // More than one controller in one JVM is unreliable, and tests never need a controller failover.
        // The test kit defaults to the newest metadata version, unreleased features included; test what ships.
        TestKitNodes.Builder nodes = new TestKitNodes.Builder()
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setCombined(brokers == 1)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(brokers)
                .setBaseDirectory(baseDirectory);
        // Node ids are only known once the builder has numbered the nodes.
        Map<Integer, Map<String, String>> controllerConfigs = nodes.build().controllerNodes().keySet().stream()
                .collect(Collectors.toMap(id -> id, id -> BrokerConfigs.forControllers(brokers)));
        return nodes.setPerServerProperties(controllerConfigs).build();
    }

    private static Path createBaseDirectory() {
        try {
            return Files.createTempDirectory("reunify-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String description() {
        return "in-JVM KRaft";
    }

    @Override
    public List<Integer> brokerIds() {
        return List.copyOf(cluster.nodes().brokerNodes().keySet());
    }

    /** A controlled shutdown: the controller moves leadership away and drops the broker from every ISR. */
    @Override
    public void stopBroker(int brokerId) {
        broker(brokerId).shutdown();
    }

    /** Returns once the controller has unfenced the broker again; its replicas may still be catching up. */
    @Override
    public void restartBroker(int brokerId) {
        broker(brokerId).startup();
        try {
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw Failures.unchecked("broker " + brokerId + " did not come back", e);
        }
    }

    private BrokerServer broker(int brokerId) {
        BrokerServer broker = cluster.brokers().get(brokerId);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + brokerId + "; the brokers are " + brokerIds());
        }
        return broker;
    }

    @Override
    public void close() {
        closeAndDelete(cluster, baseDirectory);
    }

    /** The test kit deletes its directory only when every node shut down cleanly; tests must not leak it either way. */
    private static void closeAndDelete(KafkaClusterTestKit cluster, Path baseDirectory) {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } catch (Exception e) {
            throw Failures.unchecked("the in-JVM Kafka cluster did not shut down cleanly", e);
        } finally {
            try {
                Utils.delete(baseDirectory.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
