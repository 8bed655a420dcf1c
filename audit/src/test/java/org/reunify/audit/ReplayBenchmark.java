package org.reunify.audit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.reunify.producers.Simulation;
import org.reunify.producers.simulate.Scenario;
import org.reunify.schemas.Topics;
import org.reunify.testkit.KafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a replay of a large history takes against the floor: a plain consumer reading the same topics, in the
 * same run, with the same fetch settings. Run with {@code ./mvnw -Pbenchmark -pl audit -am verify}
 * ({@code -Dreplay.benchmark.cases=N} to change the size; 620,000 cases make about a million events).
 */
class ReplayBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayBenchmark.class);
    private static final int CASES = Integer.getInteger("replay.benchmark.cases", 620_000);

    @Test
    void replayAgainstAPlainConsumerOverTheSameHistory() throws InterruptedException {
        try (KafkaBroker broker = KafkaBroker.start()) {
            Map<String, Object> client = broker.clientConfig();
            Scenario history = Scenario.random(CASES, 2026);
            long publishStart = System.nanoTime();
            long published = new Simulation(client).run(history, OptionalInt.of(6), Optional.of((short) 1), 0);
            LOG.info("published {} events of {} cases in {} s", published, CASES, seconds(System.nanoTime() - publishStart));

            for (int round = 1; round <= 2; round++) {
                long start = System.nanoTime();
                long read = plainRead(client);
                long plain = System.nanoTime() - start;

                start = System.nanoTime();
                Replay replay = new Replay();
                try (HistoryReader reader = new HistoryReader(client)) {
                    reader.plan(Optional.empty());
                    reader.readInto(replay, records -> { });
                }
                long replayed = System.nanoTime() - start;

                assertThat(read).isEqualTo(published);
                assertThat(replay.records()).isEqualTo(published);
                assertThat(replay.tallies().get(0).deported()).isEqualTo(history.expectedDeported());
                LOG.info("round {}: {} events — plain consumer {} s ({} events/s), replay {} s ({} events/s)", round, published,
                        seconds(plain), (long) (published / (plain / 1e9)), seconds(replayed), (long) (published / (replayed / 1e9)));
            }
        }
    }

    /** Every record of every agency topic, read and dropped: the floor any replay stands on. */
    private static long plainRead(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics().values().stream().flatMap(List::stream)
                    .filter(info -> Topics.agencyOf(info.topic()).isPresent())
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long read = 0;
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            return read;
        }
    }

    private static String seconds(long nanos) {
        return String.format("%.2f", nanos / 1e9);
    }
}
