package org.reunify.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topics;
import org.reunify.schemas.Waits;

/**
 * A read-committed view of {@code reunification.totals}: the latest tally of every region. It reads the whole
 * compacted topic from the start and keeps following it, without a consumer group or committed offsets, so any
 * number of readers can follow with read rights alone.
 */
public final class TotalsFollower implements AutoCloseable {

    private static final Duration CATCH_UP_POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Tally> tallies = new TreeMap<>();
    private final TotalsRecords totalsRecords = new TotalsRecords();
    private List<TopicPartition> partitions;

    public TotalsFollower(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "reunify-totals-follower");
        this.consumer = new KafkaConsumer<>(config, Topics.TOTALS.keyDeserializer(), new ByteArrayDeserializer());
    }

    /** Waits until the totals topic exists: see {@link TotalsTopic#await}. */
    public boolean awaitTopic(BooleanSupplier running) {
        return TotalsTopic.await(consumer, running);
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
                "the end of " + Topics.TOTALS.name());
    }

    /**
     * Reads what has arrived.
     *
     * @return every change, in the order the totals topic holds them, a region's intermediate tallies included; a
     *         deleted region's tally as an empty one; empty if nothing changed
     */
    public List<Tally> poll(Duration timeout) {
        if (partitions == null) {
            assign(timeout);
        }
        List<Tally> changes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            apply(record).ifPresent(changes::add);
        }
        return changes;
    }

    /** The latest tally of every region that has one, by region code. */
    public Map<String, Tally> current() {
        return Map.copyOf(tallies);
    }

    /** How many records of the topic held no tally and were skipped (each with a warning). */
    public long skipped() {
        return totalsRecords.skipped();
    }

    /** Makes a blocked {@link #poll} or {@link #catchUp} return, from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    private Optional<Tally> apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() != null && record.value() == null) {
            Tally deleted = tallies.remove(record.key());
            return deleted == null
                    ? Optional.empty()
                    : Regions.byCode(deleted.region()).map(Tally::empty);
        }
        Optional<Tally> tally = totalsRecords.tally(record);
        if (tally.isEmpty() || tally.get().equals(tallies.put(record.key(), tally.get()))) {
            return Optional.empty();
        }
        return tally;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private void assign(Duration timeout) {
        if (partitions != null) {
            return;
        }
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.TOTALS.name(), timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("there is no topic " + Topics.TOTALS.name()
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
