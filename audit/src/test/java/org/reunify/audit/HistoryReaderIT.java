package org.reunify.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reunify.audit.AgencyHistories.Appended;
import org.reunify.audit.AgencyHistories.HistoryGenerator;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Topics;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.topology.CasePartition;
import org.reunify.testkit.KafkaBroker;

/**
 * The replay of a real broker's agency topics folds the cases a group at a time (HistoryReader) and must find what one
 * fold of every record finds: random histories with every kind of bad record, each record on any partition, so that a
 * case's records lie on its own group's partition, on earlier ones and on later ones.
 */
class HistoryReaderIT {

    private static final int PARTITIONS = 3;
    private static final int HISTORIES = 12;

    private static KafkaBroker broker;
    private static List<ConsumerRecord<byte[], byte[]>> stored;

    @BeforeAll
    static void publishRandomHistoriesOnAnyPartition() throws Exception {
        broker = KafkaBroker.start();
        Random random = new Random(16);
        List<Appended> records = new ArrayList<>();
        for (int history = 0; history < HISTORIES; history++) {
            new HistoryGenerator(random, "h" + history + "-c-")
                    .generate()
                    .topics()
                    .values()
                    .forEach(records::addAll);
        }
        Set<String> topics = new TreeSet<>();
        records.forEach(record -> topics.add(record.topic()));
        try (Admin admin = broker.admin()) {
            AgencyProvisioning agencies = new AgencyProvisioning(admin);
            topics.forEach(topic -> agencies.add(
                    Topics.agencyOf(topic).orElseThrow(), OptionalInt.of(PARTITIONS), Optional.of((short) 1)));
        }
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(broker.clientConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Appended record : records) {
                producer.send(
                        new ProducerRecord<>(record.topic(), random.nextInt(PARTITIONS), record.key(), record.value()));
            }
            // Keyed records without a value (tombstones) on every partition, so some lie off their case's group.
            for (int partition = 0; partition < PARTITIONS; partition++) {
                producer.send(new ProducerRecord<>(
                        topics.iterator().next(), partition, "h0-c-1".getBytes(StandardCharsets.UTF_8), null));
            }
        }
        stored = readEveryRecord(topics);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void theHistoryPutsCasesOnEarlierAndLaterPartitionsThanTheirGroup() {
        long earlier = 0;
        long later = 0;
        for (ConsumerRecord<byte[], byte[]> record : stored) {
            if (record.key() != null) {
                int group = CasePartition.of(record.key(), PARTITIONS);
                earlier += group < record.partition() ? 1 : 0;
                later += group > record.partition() ? 1 : 0;
            }
        }
        assertThat(earlier).isPositive();
        assertThat(later).isPositive();
    }

    @Test
    void aReplayReadGroupByGroupFindsWhatOneFoldOfEveryRecordFinds() {
        assertTheGroupsFindWhatOneFoldFinds(HistoryReader.RECORDS_PER_GROUP);
    }

    @Test
    void aReplayWithSeveralGroupsPerPartitionFindsWhatOneFoldOfEveryRecordFinds() {
        assertTheGroupsFindWhatOneFoldFinds(stored.size() / (PARTITIONS * 4));
    }

    private static void assertTheGroupsFindWhatOneFoldFinds(long recordsPerGroup) {
        Map<String, Refusal> refusedInOneFold = new HashMap<>();
        Replay oneFold = new Replay(CaseLimits.DEFAULT, recordInto(refusedInOneFold), caseId -> true);
        stored.forEach(record -> oneFold.accept(
                record.topic(), record.partition(), record.offset(), record.key(), record.value(), record.timestamp()));

        Map<String, Refusal> refusedByGroup = new HashMap<>();
        Replay byGroup = new Replay(CaseLimits.DEFAULT, recordInto(refusedByGroup), caseId -> true);
        AtomicLong progress = new AtomicLong();
        try (HistoryReader reader = new HistoryReader(broker.clientConfig(), recordsPerGroup)) {
            assertThat(reader.plan(Optional.empty())).isEqualTo(stored.size());
            reader.readInto(byGroup, progress::addAndGet);
        }

        assertThat(byGroup.records()).isEqualTo(stored.size()).isEqualTo(progress.get());
        assertThat(byGroup.tallies()).isEqualTo(oneFold.tallies());
        assertThat(byGroup.destinationTallies()).isEqualTo(oneFold.destinationTallies());
        assertThat(byGroup.dailyTallies()).isEqualTo(oneFold.dailyTallies()).isNotEmpty();
        assertThat(byGroup.refusals()).isEqualTo(oneFold.refusals());
        assertThat(refusedByGroup).isEqualTo(refusedInOneFold).isNotEmpty();
        assertThat(byGroup.explainCasesIn("UA").toString())
                .isEqualTo(oneFold.explainCasesIn("UA").toString());
    }

    /** Keeps each refusal by where its record lies, failing on a record refused twice. */
    private static Replay.RefusalListener recordInto(Map<String, Refusal> refused) {
        return (topic, partition, offset, reason) -> {
            Refusal previous = refused.put(topic + "/" + partition + "@" + offset, reason.code());
            assertThat(previous)
                    .as("%s/%d@%d is refused once", topic, partition, offset)
                    .isNull();
        };
    }

    private static List<ConsumerRecord<byte[], byte[]>> readEveryRecord(Set<String> topics) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(topic -> {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    partitions.add(new TopicPartition(topic, partition));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long total = consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= total;
            });
        }
        return records;
    }
}
