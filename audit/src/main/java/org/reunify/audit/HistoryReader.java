package org.reunify.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.reunify.schemas.Topics;

/**
 * Reads every agency topic from its first record up to a bound, for a {@link Replay}. Read-only by construction:
 * no consumer group, no committed offsets, no writes, so an auditor needs nothing but read rights on the topics.
 * Each call to {@link #plan} moves the bound forward (and takes in agencies provisioned since), so a replay can be
 * brought up to date without starting over.
 */
public final class HistoryReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<TopicPartition, Long> bounds = new HashMap<>();

    public HistoryReader(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "reunify-replay");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Sets the bound of the next {@link #readInto}: the records appended at or before {@code asOf}, or, when empty,
     * every record committed now.
     *
     * @return how many records lie between where the reader stands and the bound
     */
    public long plan(Optional<Instant> asOf) {
        assignNewPartitions();
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, METADATA_TIMEOUT);
        bounds.putAll(ends);
        asOf.ifPresent(instant -> {
            Map<TopicPartition, Long> after = new HashMap<>();
            // The first record appended after the instant ends the history as of that instant.
            assigned.forEach(partition -> after.put(partition, instant.toEpochMilli() + 1));
            Map<TopicPartition, OffsetAndTimestamp> firstAfter = consumer.offsetsForTimes(after, METADATA_TIMEOUT);
            firstAfter.forEach((partition, found) -> {
                if (found != null) {
                    bounds.put(partition, found.offset());
                }
            });
        });
        long remaining = 0;
        for (TopicPartition partition : assigned) {
            remaining += Math.max(0, bounds.get(partition) - consumer.position(partition, METADATA_TIMEOUT));
        }
        return remaining;
    }

    private void assignNewPartitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<String, List<PartitionInfo>> topic :
                consumer.listTopics(METADATA_TIMEOUT).entrySet()) {
            if (Topics.agencyOf(topic.getKey()).isPresent()) {
                topic.getValue().forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
        }
        List<TopicPartition> added = partitions.stream()
                .filter(partition -> !assigned.contains(partition))
                .toList();
        if (added.isEmpty()) {
            return;
        }
        assigned.addAll(added);
        consumer.assign(assigned);
        consumer.seekToBeginning(added);
    }

    /** The agency topics this reader reads. */
    public Set<String> topics() {
        Set<String> topics = new HashSet<>();
        assigned.forEach(partition -> topics.add(partition.topic()));
        return topics;
    }

    /**
     * Feeds every record up to the bound to {@code replay}, partition by partition in offset order.
     *
     * @param progress told how many records each batch held
     */
    public void readInto(Replay replay, LongConsumer progress) {
        Set<TopicPartition> unfinished = new HashSet<>();
        for (TopicPartition partition : assigned) {
            if (consumer.position(partition, METADATA_TIMEOUT) < bounds.get(partition)) {
                unfinished.add(partition);
            }
        }
        consumer.resume(unfinished);
        consumer.pause(assigned.stream()
                .filter(partition -> !unfinished.contains(partition))
                .toList());
        while (!unfinished.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            long fed = 0;
            for (TopicPartition partition : records.partitions()) {
                long bound = bounds.get(partition);
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    if (record.offset() >= bound) {
                        // Past the bound: read again from here next time.
                        consumer.seek(partition, record.offset());
                        break;
                    }
                    replay.accept(
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.key(),
                            record.value(),
                            record.timestamp());
                    fed++;
                }
            }
            progress.accept(fed);
            for (TopicPartition partition : List.copyOf(unfinished)) {
                if (consumer.position(partition, METADATA_TIMEOUT) >= bounds.get(partition)) {
                    unfinished.remove(partition);
                    consumer.pause(List.of(partition));
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
