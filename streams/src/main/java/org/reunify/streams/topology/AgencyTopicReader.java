package org.reunify.streams.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.reunify.schemas.ReadCommitted;

/**
 * Reads a record back from its agency topic with a consumer of its own, assigned and positioned at the record, that
 * belongs to no group. It is configured as Kafka Streams configures its restore consumers, so it reaches the cluster
 * with the app's bootstrap and security settings; made on the first read, for late refusals are rare.
 */
final class AgencyTopicReader implements HeldRecords {

    /**
     * Well within the ten seconds an exactly-once transaction of the app may stay open: the record lies below what the
     * stream has read already, so a cluster that can serve the stream serves it at once.
     */
    static final Duration WAIT = Duration.ofSeconds(5);

    private final Map<String, Object> config;
    private Consumer<byte[], byte[]> consumer;

    AgencyTopicReader(Map<String, Object> appConfigs, String clientId) {
        Map<String, Object> config = new HashMap<>(ReadCommitted.consumerConfig(
                new StreamsConfig(appConfigs).getRestoreConsumerConfigs(clientId), clientId));
        // One record is wanted, and the stream thread waits for it: a fetch the broker held back for more data, or
        // one fetched ahead past it, would hold the next late refusal up by the broker's wait each time.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 0);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        this.config = Map.copyOf(config);
    }

    @Override
    public byte[] valueAt(String topic, int partition, long offset) {
        TopicPartition where = new TopicPartition(topic, partition);
        try {
            if (consumer == null) {
                consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            }
            consumer.assign(List.of(where));
            consumer.seek(where, offset);
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (long left = WAIT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofNanos(left)).records(where)) {
                    if (record.offset() != offset) {
                        throw unreadable(
                                topic,
                                partition,
                                offset,
                                "the topic no longer holds it (the next record lies at offset " + record.offset() + ")",
                                null);
                    }
                    consumer.unsubscribe();
                    return record.value();
                }
            }
        } catch (KafkaException e) {
            throw unreadable(topic, partition, offset, e.toString(), e);
        }
        throw unreadable(topic, partition, offset, "nothing was read within " + WAIT.toSeconds() + " s", null);
    }

    private static IllegalStateException unreadable(
            String topic, int partition, long offset, String why, Exception cause) {
        return new IllegalStateException(
                "cannot read back the record at " + topic + " partition " + partition + " offset " + offset
                        + " to refuse it late: " + why,
                cause);
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
