package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.app.support.RejectedRecords;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Topics;
import org.reunify.streams.runtime.PipelineTopics;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.runtime.TopicGuard;
import org.reunify.streams.topology.HeldRecords;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.KafkaBrokerExtension;

/**
 * A record the rules may still refuse late is kept by where it lies, and its bytes are read back from its agency topic
 * when an earlier-lying record refuses it (docs/decisions.md #41), whatever happened to the streams app in between.
 */
class LateRefusalIT {

    private static final LocalDate DAY = LocalDate.of(2022, 6, 1);
    private static final String CASE = "c-late";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    /**
     * The earlier-lying version of an event stays in an open transaction, unseen by a read-committed stream, while the
     * later one is counted; the app is stopped and started again on an empty state directory (its case state restored
     * from the changelog, nothing of the record on local disk) before the transaction commits.
     */
    @Test
    void aRecordCountedBeforeARestartIsRefusedLateWithTheBytesItsAgencyWrote() throws Exception {
        Map<String, Object> client = kafka.broker().clientConfig();
        try (Admin admin = Admin.create(client)) {
            new AgencyProvisioning(admin).add("nib", OptionalInt.of(2), Optional.of((short) 1));
        }
        String topic = Topics.eventsTopic("nib");
        EventFactory nib = new EventFactory("nib", "late-refusal-test/1");
        byte[] key = CASE.getBytes(StandardCharsets.UTF_8);
        byte[] earlierVersion = EventCodec.encode(nib.deportation("e-1", CASE, "UA-09", DAY, "RU"));
        byte[] laterVersion = EventCodec.encode(nib.deportation("e-1", CASE, "UA-14", DAY, "BY"));
        Pipeline pipeline = new Pipeline(client, new TopologySettings(2));

        RecordMetadata later;
        try (KafkaProducer<byte[], byte[]> inTransaction = transactional(client)) {
            inTransaction.initTransactions();
            inTransaction.beginTransaction();
            inTransaction
                    .send(new ProducerRecord<>(topic, 0, key, earlierVersion))
                    .get();
            try (KafkaProducer<byte[], byte[]> plain =
                    new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
                later = plain.send(new ProducerRecord<>(topic, 1, key, laterVersion))
                        .get();
            }
            try (StreamsRunner streams = pipeline.startStreams(dir.resolve("first"))) {
                Figures.awaitTotals(client, Map.of("UA-14", "1/0/1", "UA", "1/0/1"));
            }
            inTransaction.commitTransaction();
        }

        try (StreamsRunner streams = pipeline.startStreams(dir.resolve("second"))) {
            Figures.awaitTotals(client, Map.of("UA-09", "1/0/1", "UA", "1/0/1"));
            ConsumerRecord<String, byte[]> rejected = await().atMost(Duration.ofMinutes(1))
                    .until(() -> rejectedFrom(later), Optional::isPresent)
                    .orElseThrow();
            assertThat(rejected.value()).isEqualTo(laterVersion);
            assertThat(rejected.key()).isEqualTo(CASE);
            assertThat(RejectedRecords.header(rejected, Topics.REASON_HEADER))
                    .startsWith(Refusal.CONFLICTING_DUPLICATE.name());
        }
    }

    /**
     * Earlier versions kept the bytes of those records in a store of their own; its changelog does not stop an app
     * upgraded on the same cluster, and is named for deletion.
     */
    @Test
    void theChangelogOfTheStoreEarlierVersionsKeptHeldRecordsInIsNamedAndDoesNotStopTheApp() {
        String applicationId = "reunify-upgraded";
        String retired = applicationId + "-held-records-changelog";
        kafka.broker().createTopic(retired, 2, Map.of("cleanup.policy", "compact"));
        try (Admin admin = Admin.create(kafka.broker().clientConfig())) {
            PipelineTopics.ensure(admin, 2, Optional.of((short) 1));
            TopicGuard.Review review = TopicGuard.check(admin, applicationId, 2);
            assertThat(review.with(TopicGuard.Effect.WARNING)).anySatisfy(finding -> {
                assertThat(finding.topic()).contains(retired);
                assertThat(finding.problem()).contains("kafka-topics.sh --delete --topic " + retired);
            });
        }
    }

    /**
     * The reader the app's tasks use: a record no longer on its topic (deleted by hand, which agency topics must never
     * see) is named by where it lay, never replaced by other bytes.
     */
    @Test
    void aRecordDeletedFromItsTopicCannotBeReadBackAndIsNamedByTopicPartitionAndOffset() throws Exception {
        String topic = "late-refusal-test-truncated";
        kafka.broker().createTopic(topic, 1, Map.of());
        byte[] kept = "kept".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> client = kafka.broker().clientConfig();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, null, "deleted".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(topic, 0, null, kept)).get();
        }
        try (Admin admin = Admin.create(client)) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(1)))
                    .all()
                    .get();
        }
        Map<String, Object> appConfigs = new HashMap<>(client);
        appConfigs.put(StreamsConfig.APPLICATION_ID_CONFIG, "late-refusal-test");
        try (HeldRecords records = HeldRecords.Source.AGENCY_TOPICS.open(appConfigs, "late-refusal-test-reader")) {
            assertThat(records.valueAt(topic, 0, 1)).isEqualTo(kept);
            assertThatThrownBy(() -> records.valueAt(topic, 0, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(topic + " partition 0 offset 0");
        }
    }

    /** An agency client that writes in transactions, one open longer than the test takes. */
    private static KafkaProducer<byte[], byte[]> transactional(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "late-refusal-test");
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int)
                Duration.ofMinutes(5).toMillis());
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Optional<ConsumerRecord<String, byte[]>> rejectedFrom(RecordMetadata sent) {
        List<ConsumerRecord<String, byte[]>> rejected = kafka.broker().readCommitted(Topics.REJECTED.name());
        return rejected.stream()
                .filter(record -> RejectedRecords.sourceOf(record).equals(RejectedRecords.source(sent)))
                .findFirst();
    }
}
