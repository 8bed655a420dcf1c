package org.reunify.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.reunify.schemas.ReadCommitted;

/**
 * The most this broker takes and gives on this machine, as {@code kafka-producer-perf-test} and
 * {@code kafka-consumer-perf-test} measure it: fixed-size records without keys, an idempotent producer with
 * {@code acks=all}, and a consumer reading them all back.
 */
final class RawCeiling {

    private RawCeiling() {}

    static Rate produce(Map<String, Object> client, String topic, long records, int recordBytes) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "reunify-bench-raw-producer");
        byte[] payload = new byte[recordBytes];
        new Random(1).nextBytes(payload);
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, payload), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        Rate rate = Rate.since(acknowledged.get(), start);
        if (failure.get() != null || acknowledged.get() != records) {
            throw new IllegalStateException(
                    "the raw producer wrote " + acknowledged.get() + " of " + records + " records", failure.get());
        }
        return rate;
    }

    /** Reads every record of the partitions from the beginning, and drops it. */
    static Rate consume(Map<String, Object> client, List<TopicPartition> partitions) {
        Map<String, Object> config = ReadCommitted.consumerConfig(client, "reunify-bench-raw-consumer");
        long start = System.nanoTime();
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
        }
        return Rate.since(read, start);
    }
}
