package org.reunify.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.DockerClientFactory;

class KafkaBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void runsInThisJvmWithoutDocker() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker runs, so the broker is a container");

        assertThat(kafka.broker().backend()).isEqualTo("in-JVM KRaft");
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() {
        KafkaBroker broker = kafka.broker();
        broker.createTopic("transactions", 1, Map.of());

        try (KafkaProducer<String, String> producer = transactionalProducer(broker)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "child-1", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "child-1", "found"));
            producer.send(new ProducerRecord<>("transactions", "child-2", "returned"));
            producer.commitTransaction();
        }

        assertThat(readCommitted(broker, "transactions", 2))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("child-1", "found"), tuple("child-2", "returned"));
    }

    @Test
    void acksAllWritesSurviveOneStoppedBrokerOfThree() throws Exception {
        try (KafkaBroker cluster = KafkaBroker.start(3);
                Admin admin = cluster.admin()) {
            assertThat(cluster.backend()).isEqualTo("in-JVM KRaft");
            cluster.createTopic("replicated", 1, Map.of("min.insync.replicas", "2"));
            int leader = partition(admin, "replicated").leader().id();
            assertThat(cluster.brokerIds()).hasSize(3).contains(leader);

            cluster.stopBroker(leader);
            send(cluster, "while one broker is down");
            assertThat(partition(admin, "replicated").isr()).hasSize(2);

            cluster.restartBroker(leader);
            send(cluster, "after the restart");
            assertThat(readCommitted(cluster, "replicated", 2))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("while one broker is down", "after the restart");
        }
    }

    private static KafkaProducer<String, String> transactionalProducer(KafkaBroker broker) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kafka-broker-test");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaBroker cluster, String value) throws Exception {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("replicated", "child-3", value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads partition 0 from the start without a consumer group: nothing to rebalance, so it is quick. */
    private static List<ConsumerRecord<String, String>> readCommitted(KafkaBroker broker, String topic, int expected) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            await().atMost(Duration.ofSeconds(15))
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                        return records.size() >= expected;
                    });
        }
        return records;
    }

    private static TopicPartitionInfo partition(Admin admin, String topic) throws Exception {
        return admin.describeTopics(Set.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .get(0);
    }
}
