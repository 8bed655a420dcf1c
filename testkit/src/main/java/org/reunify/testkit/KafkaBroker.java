package org.reunify.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster for tests: an apache/kafka container when Docker runs, otherwise KRaft inside this JVM.
 *
 * <p>The system property {@value #BACKEND_PROPERTY} ({@code jvm} or {@code docker}) forces the choice for a
 * single broker; clusters of several brokers run in this JVM, or each node in a JVM of its own when started by
 * {@link #startInProcesses}.
 */
public final class KafkaBroker implements AutoCloseable {

    /** System property that forces the backend of a single-broker cluster: {@code jvm} or {@code docker}. */
    public static final String BACKEND_PROPERTY = "reunify.test.broker";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final BrokerBackend backend;
    private boolean closed;

    private KafkaBroker(BrokerBackend backend) {
        this.backend = backend;
    }

    /** Starts a single-broker cluster. */
    public static KafkaBroker start() {
        return start(1);
    }

    /** Starts a cluster of {@code brokers} brokers and one controller; internal topics use up to three replicas. */
    public static KafkaBroker start(int brokers) {
        return logged(
                brokers, () -> brokers == 1 && dockerWanted() ? ContainerBroker.start() : InJvmCluster.start(brokers));
    }

    /**
     * Starts a cluster of {@code brokers} brokers and one controller, each node a JVM of its own, so that a broker can
     * be killed as a process dies ({@link #killBroker}).
     */
    public static KafkaBroker startInProcesses(int brokers) {
        return logged(brokers, () -> ProcessCluster.start(brokers));
    }

    private static KafkaBroker logged(int brokers, Supplier<BrokerBackend> start) {
        if (brokers < 1) {
            throw new IllegalArgumentException("a cluster needs at least one broker, not " + brokers);
        }
        long started = System.nanoTime();
        BrokerBackend backend = start.get();
        LOG.info(
                "{} with {} broker(s) at {} started in {} ms",
                backend.description(),
                brokers,
                backend.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new KafkaBroker(backend);
    }

    private static boolean dockerWanted() {
        String forced = System.getProperty(BACKEND_PROPERTY, "");
        return switch (forced) {
            case "jvm" -> false;
            case "docker" -> true;
            case "" -> ContainerBroker.dockerAvailable();
            default ->
                throw new IllegalArgumentException(BACKEND_PROPERTY + " must be jvm or docker, not '" + forced + "'");
        };
    }

    /** The bootstrap.servers value for clients. */
    public String bootstrapServers() {
        return backend.bootstrapServers();
    }

    /** A map holding only bootstrap.servers, to start producer, consumer or Streams configs from. */
    public Map<String, Object> clientConfig() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** A new admin client; the caller closes it. */
    public Admin admin() {
        return Admin.create(clientConfig());
    }

    /** What runs the brokers: {@code "in-JVM KRaft"} or {@code "Testcontainers apache/kafka:<version>"}. */
    public String backend() {
        return backend.description();
    }

    /** The ids of the brokers, for {@link #stopBroker} and {@link #restartBroker}. */
    public List<Integer> brokerIds() {
        return backend.brokerIds();
    }

    /**
     * Creates a topic with the cluster's default replication factor, min(brokers, 3), and returns once
     * every partition has a leader.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
        try (Admin admin = admin()) {
            admin.createTopics(Set.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitLeaders(admin, name);
        } catch (Exception e) {
            throw Failures.unchecked("could not create topic " + name, e);
        }
    }

    /**
     * Deletes every topic but Kafka's own and every consumer group, and returns once the cluster knows none of them: a
     * broker a test class shares is then, for its next test, what a new one is, without the seconds a new one takes.
     * The test's clients must be closed first: a group with members is not deleted.
     */
    public void deleteTopicsAndGroups() {
        try (Admin admin = admin()) {
            Set<String> topics = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            admin.deleteTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> groups = admin.listGroups().all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .map(group -> group.groupId())
                    .toList();
            admin.deleteConsumerGroups(groups).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            await("the topics deleted")
                    .atMost(ADMIN_TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> admin.listTopics()
                            .names()
                            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .isEmpty());
        } catch (Exception e) {
            throw Failures.unchecked("could not delete the topics and groups", e);
        }
    }

    /**
     * Every committed record of a topic as it is now, ordered by partition and offset: what a sink must have seen.
     */
    public List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort(Comparator.comparingInt((ConsumerRecord<String, byte[]> record) -> record.partition())
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }

    /** The controller knows the topic before the brokers have elected its leaders; clients need the leaders. */
    private static void awaitLeaders(Admin admin, String topic) {
        await("the leaders of " + topic)
                .atMost(ADMIN_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> allPartitionsLed(admin, topic));
    }

    private static boolean allPartitionsLed(Admin admin, String topic) throws Exception {
        try {
            TopicDescription description = admin.describeTopics(Set.of(topic))
                    .allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic);
            return description.partitions().stream().allMatch(partition -> partition.leader() != null);
        } catch (ExecutionException e) {
            // The broker that answered has not yet heard of the topic from the controller.
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Shuts one broker down the way an operator would (controlled shutdown). Only the in-JVM cluster supports
     * this; the Docker backend throws {@link UnsupportedOperationException}.
     */
    public void stopBroker(int brokerId) {
        backend.stopBroker(brokerId);
    }

    /**
     * Kills one broker's process with SIGKILL: no controlled shutdown, the controller learns of it only when the
     * broker's session expires. Only a cluster started by {@link #startInProcesses} supports this.
     */
    public void killBroker(int brokerId) {
        backend.killBroker(brokerId);
    }

    /**
     * Starts a stopped or killed broker again on its old port and log directory and returns once the controller counts
     * it as ready. The Docker backend throws {@link UnsupportedOperationException}.
     */
    public void restartBroker(int brokerId) {
        backend.restartBroker(brokerId);
    }

    /** Stops every broker and controller and deletes their data; later calls do nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            backend.close();
        }
    }
}
