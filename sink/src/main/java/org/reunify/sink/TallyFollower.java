package org.reunify.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.reunify.schemas.ReadCommitted;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;
import org.reunify.schemas.Topics;
import org.reunify.schemas.Waits;

/**
 * A read-committed view of one topic of published figures: the latest tally (or timeline entry) under every key. It
 * reads the whole compacted topic from the start and keeps following it, without a consumer group or committed
 * offsets, so any number of readers can follow with read rights alone.
 *
 * @param <R> what the topic's records hold: a {@link Tally} of any kind, or a {@link TimelineEntry}
 */
public final class TallyFollower<R> implements AutoCloseable {

    private static final Duration CATCH_UP_POLL = Duration.ofMillis(200);
    /**
     * How long the first read of the topic's partitions may take: a connection, a TLS handshake and a login come before
     * it, which a poll's short wait does not cover on a loaded machine.
     */
    private static final Duration FIRST_METADATA_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A key's tally changed.
     *
     * @param row null when the key's tally was deleted
     */
    public record Change<R>(String key, R row) {}

    private final String topicName;
    private final BiFunction<TallyRecords, ConsumerRecord<String, byte[]>, Optional<R>> read;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, R> tallies = new TreeMap<>();
    private final TallyRecords tallyRecords = new TallyRecords();
    private List<TopicPartition> partitions;

    private TallyFollower(
            Map<String, Object> clientConfig,
            String topicName,
            String name,
            BiFunction<TallyRecords, ConsumerRecord<String, byte[]>, Optional<R>> read) {
        this.topicName = topicName;
        this.read = read;
        Map<String, Object> config = ReadCommitted.consumerConfig(clientConfig, "reunify-" + name + "-follower");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // One per topic, so that a process following several registers each client's metrics under its own name.
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A follower of a topic of tallies. */
    public static TallyFollower<Tally> of(Map<String, Object> clientConfig, PublishedTallies published) {
        return new TallyFollower<>(
                clientConfig, published.topicName(), published.name().toLowerCase(Locale.ROOT), TallyRecords::tally);
    }

    /** A follower of {@code reunification.timeline}. */
    public static TallyFollower<TimelineEntry> timeline(Map<String, Object> clientConfig) {
        return new TallyFollower<>(clientConfig, Topics.TIMELINE.name(), "timeline", TallyRecords::timelineEntry);
    }

    /** Reads a topic of published tallies to the end it has now: its latest tally under every key. */
    public static List<Tally> readAll(Map<String, Object> clientConfig, PublishedTallies published, Duration timeout) {
        return readAll(of(clientConfig, published), timeout);
    }

    /** Reads {@code reunification.timeline} to the end it has now: every month of every region with a case. */
    public static List<TimelineEntry> readTimeline(Map<String, Object> clientConfig, Duration timeout) {
        return readAll(timeline(clientConfig), timeout);
    }

    private static <R> List<R> readAll(TallyFollower<R> follower, Duration timeout) {
        try (follower) {
            follower.catchUp(timeout);
            return List.copyOf(follower.current().values());
        }
    }

    /** Waits until the topic exists: see {@link TotalsTopic#await}. */
    public boolean awaitTopic(BooleanSupplier running) {
        return TotalsTopic.await(consumer, topicName, running);
    }

    /**
     * Reads until every tally committed when this call started is in view.
     *
     * @throws IllegalStateException when the topic does not exist or the cluster does not answer in time
     */
    public void catchUp(Duration timeout) {
        assign(timeout);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        Waits.until(
                timeout,
                Duration.ZERO,
                () -> {
                    if (!reached(ends)) {
                        poll(CATCH_UP_POLL);
                    }
                    return reached(ends);
                },
                "the end of " + topicName);
    }

    /**
     * Reads what has arrived.
     *
     * @return every change, in the order the topic holds them, a key's intermediate tallies included; empty if
     *         nothing changed
     */
    public List<Change<R>> poll(Duration timeout) {
        if (partitions == null) {
            assign(FIRST_METADATA_TIMEOUT);
        }
        List<Change<R>> changes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            apply(record).ifPresent(changes::add);
        }
        return changes;
    }

    /** The latest tally under every key that has one. */
    public Map<String, R> current() {
        return Map.copyOf(tallies);
    }

    /** How many records of the topic held no tally and were skipped (each with a warning). */
    public long skipped() {
        return tallyRecords.skipped();
    }

    /** The next offset to read of each partition, by partition: how far this follower has read; empty before. */
    public SortedMap<Integer, Long> positions() {
        SortedMap<Integer, Long> positions = new TreeMap<>();
        if (partitions != null) {
            partitions.forEach(partition -> positions.put(partition.partition(), consumer.position(partition)));
        }
        return positions;
    }

    /** Makes a blocked {@link #poll} or {@link #catchUp} return, from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    private Optional<Change<R>> apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() != null && record.value() == null) {
            return tallies.remove(record.key()) == null
                    ? Optional.empty()
                    : Optional.of(new Change<>(record.key(), null));
        }
        Optional<R> row = read.apply(tallyRecords, record);
        if (row.isEmpty() || row.get().equals(tallies.put(record.key(), row.get()))) {
            return Optional.empty();
        }
        return Optional.of(new Change<>(record.key(), row.get()));
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private void assign(Duration timeout) {
        if (partitions != null) {
            return;
        }
        List<PartitionInfo> infos = consumer.partitionsFor(topicName, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("there is no topic " + topicName
                    + ": start the pipeline (`reunify up` or `reunify streams`) first");
        }
        partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
