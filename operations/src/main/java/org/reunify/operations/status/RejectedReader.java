package org.reunify.operations.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.reunify.schemas.ReadCommitted;
import org.reunify.schemas.Topics;
import org.reunify.schemas.Waits;

/**
 * Reads the last day of {@code reunification.rejected}, read committed, without a group, to its end as it stands,
 * and counts it: only the headers are looked at, never the refused bytes.
 */
final class RejectedReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private RejectedReader() {}

    static RefusalCounts read(Map<String, Object> clientConfig, Instant now, Duration timeout) {
        RefusalCounts counts = new RefusalCounts(now);
        Map<String, Object> config = ReadCommitted.consumerConfig(clientConfig, "reunify-status-refusals");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REJECTED.name(), timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            // Assigned before asking for offsets, which a read-committed consumer keeps only for its own partitions.
            consumer.assign(partitions);
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(
                    partition -> since.put(partition, counts.dayStart().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(since, timeout);
            // A partition with nothing from the last day has no start, and nothing to read.
            List<TopicPartition> recent = partitions.stream()
                    .filter(partition -> starts.get(partition) != null)
                    .toList();
            if (recent.isEmpty()) {
                return counts;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(recent, timeout);
            consumer.assign(recent);
            recent.forEach(
                    partition -> consumer.seek(partition, starts.get(partition).offset()));
            Waits.until(
                    timeout,
                    Duration.ZERO,
                    () -> {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                            counts.count(Instant.ofEpochMilli(record.timestamp()), reason(record));
                        }
                        return recent.stream()
                                .allMatch(partition -> consumer.position(partition) >= ends.get(partition));
                    },
                    "the end of " + Topics.REJECTED.name());
        }
        return counts;
    }

    private static String reason(ConsumerRecord<?, ?> record) {
        Header reason = record.headers().lastHeader(Topics.REASON_HEADER);
        return reason == null || reason.value() == null ? null : new String(reason.value(), StandardCharsets.UTF_8);
    }
}
