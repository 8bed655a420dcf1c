package org.reunify.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.reunify.schemas.ReadCommitted;
import org.reunify.schemas.TopicProvisioner;
import org.reunify.schemas.Topics;
import org.reunify.schemas.Waits;

/**
 * The receipts on {@code reunification.receipts}: each written (acknowledged by every replica) before its upload is
 * answered, so that it outlives the gateway. The gateway keeps in memory only where each receipt lies and what finds
 * it again (upload id, idempotency key, body hash); a receipt itself is read back from the topic when asked for.
 */
public final class ReceiptLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    /** One partition: receipts are few, and one ordered log is what an auditor reads. */
    private static final int PARTITIONS = 1;

    private static final TopicPartition PARTITION = new TopicPartition(Topics.RECEIPTS.name(), 0);

    /** Where a receipt lies, and what it says about its upload that finds it again. */
    record Entry(String uploadId, String agency, String sha256, boolean dryRun, String idempotencyKey, long offset) {}

    private final Map<String, Object> clientConfig;
    private final KafkaProducer<String, String> producer;
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final Map<String, Entry> byIdempotencyKey = new ConcurrentHashMap<>();

    private ReceiptLog(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "reunify-gateway-receipts");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /**
     * Creates the topic unless it exists and reads where every receipt on it lies.
     *
     * @param replication empty for the cluster's default
     */
    static ReceiptLog open(Map<String, Object> clientConfig, Optional<Short> replication) {
        try (Admin admin = Admin.create(clientConfig)) {
            new TopicProvisioner(admin).ensure(Topics.RECEIPTS, PARTITIONS, replication);
        }
        ReceiptLog log = new ReceiptLog(clientConfig);
        readAll(clientConfig, (offset, json) -> log.index(offset, json));
        return log;
    }

    /** Writes the receipt and waits until it is on every replica. */
    void append(String uploadId, String json) {
        try {
            RecordMetadata written =
                    producer.send(Topics.RECEIPTS.record(uploadId, json)).get();
            index(written.offset(), json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing receipt " + uploadId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write receipt " + uploadId + ": " + e.getCause(), e);
        }
    }

    Optional<Entry> byId(String uploadId) {
        return Optional.ofNullable(byId.get(uploadId));
    }

    /** The first upload (not a dry run) of the agency with this {@code Idempotency-Key}. */
    Optional<Entry> byIdempotencyKey(String agency, String key) {
        return Optional.ofNullable(byIdempotencyKey.get(agency + "\n" + key));
    }

    /** The receipt, read back from the topic. */
    String read(Entry entry) {
        try (KafkaConsumer<String, String> consumer = consumer(clientConfig)) {
            consumer.assign(List.of(PARTITION));
            consumer.seek(PARTITION, entry.offset());
            List<String> found = new ArrayList<>();
            Waits.until(
                    READ,
                    Duration.ZERO,
                    () -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                            if (record.offset() == entry.offset()) {
                                found.add(record.value());
                            }
                        }
                        return !found.isEmpty() || consumer.position(PARTITION) > entry.offset();
                    },
                    "receipt " + entry.uploadId());
            if (found.isEmpty()) {
                throw new IllegalStateException("receipt " + entry.uploadId() + " is no longer at offset "
                        + entry.offset() + " of " + Topics.RECEIPTS.name());
            }
            return found.get(0);
        }
    }

    /** A receipt as it was found on the topic: where it lies, and its JSON. */
    @FunctionalInterface
    public interface Reader {
        void receipt(long offset, String json);
    }

    /** Reads every receipt on the topic, oldest first: what {@code reunify replay --receipts} lists. */
    public static void readAll(Map<String, Object> clientConfig, Reader reader) {
        try (KafkaConsumer<String, String> consumer = consumer(clientConfig)) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
            Waits.until(
                    READ,
                    Duration.ZERO,
                    () -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                            reader.receipt(record.offset(), record.value());
                        }
                        return consumer.position(PARTITION) >= end;
                    },
                    "the end of " + Topics.RECEIPTS.name());
        }
    }

    private void index(long offset, String json) {
        JsonNode receipt;
        try {
            receipt = JSON.readTree(json);
        } catch (IOException e) {
            // Not a receipt the gateway wrote; nothing can find it.
            return;
        }
        Entry entry = new Entry(
                receipt.path("uploadId").asText(),
                receipt.path("agency").asText(),
                receipt.path("sha256").asText(),
                receipt.path("dryRun").asBoolean(),
                receipt.path("idempotencyKey").isTextual()
                        ? receipt.path("idempotencyKey").asText()
                        : null,
                offset);
        byId.put(entry.uploadId(), entry);
        if (entry.idempotencyKey() != null && !entry.dryRun()) {
            byIdempotencyKey.putIfAbsent(entry.agency() + "\n" + entry.idempotencyKey(), entry);
        }
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> clientConfig) {
        Map<String, Object> config = ReadCommitted.consumerConfig(clientConfig, "reunify-gateway-receipts");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.RECEIPTS_MAX_MESSAGE_BYTES);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
