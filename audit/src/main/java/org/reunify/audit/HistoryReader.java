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
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.reunify.schemas.DaemonThreads;
import org.reunify.schemas.ReadCommitted;
import org.reunify.schemas.Topics;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.topology.CasePartition;

/**
 * Reads every agency topic from its first record up to a bound, for a {@link Replay}. Read-only by construction:
 * no consumer group, no committed offsets, no writes, so an auditor needs nothing but read rights on the topics.
 *
 * <p>The cases are folded in groups, so that the heap holds a few groups' cases rather than the whole history's. A
 * case's group follows from its id as its partition does with the Java client's default partitioner (murmur2, as
 * {@code reunify publish} writes): with G groups over P partitions, group g holds the cases whose murmur2 modulo G is
 * g, which all lie on partition g modulo P. Group g is folded from a read of that partition, and {@value #WORKERS}
 * groups are folded at once, each by its own consumer. The few records that lie elsewhere (another client's
 * partitioner, partitions added later) are found by a first, plain read of every partition and set aside on disk for
 * their group. Every record is counted, and screened, once: by the first group of the partition it lies on, or by its
 * case's group.
 */
public final class HistoryReader implements AutoCloseable {

    /** Groups folded at once: the cores of an auditor's laptop, and twice one group's heap. */
    static final int WORKERS = 2;
    /** About how many records a group folds: about 170 MB of heap with two agencies per case. */
    static final long RECORDS_PER_GROUP = 250_000;

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> config;
    private final long recordsPerGroup;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> bounds = new HashMap<>();
    private final Map<TopicPartition, Long> starts = new HashMap<>();

    public HistoryReader(Map<String, Object> clientConfig) {
        this(clientConfig, RECORDS_PER_GROUP);
    }

    /** @param recordsPerGroup about how many records a group folds */
    HistoryReader(Map<String, Object> clientConfig, long recordsPerGroup) {
        this.recordsPerGroup = recordsPerGroup;
        Map<String, Object> config = ReadCommitted.consumerConfig(clientConfig, "reunify-replay");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        this.config = Map.copyOf(config);
        this.consumer = newConsumer();
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Sets the bound of {@link #readInto}: the records appended at or before {@code asOf}, or, when empty, every
     * record committed now.
     *
     * @return how many records lie before the bound
     */
    public long plan(Optional<Instant> asOf) {
        List<TopicPartition> partitions = agencyPartitions();
        // Assigned, so that the consumer keeps the offsets it is told of (it warns about any other partition's).
        consumer.assign(partitions);
        bounds.clear();
        bounds.putAll(consumer.endOffsets(partitions, METADATA_TIMEOUT));
        starts.clear();
        starts.putAll(consumer.beginningOffsets(partitions, METADATA_TIMEOUT));
        asOf.ifPresent(instant -> {
            Map<TopicPartition, Long> after = new HashMap<>();
            // The first record appended after the instant ends the history as of that instant.
            partitions.forEach(partition -> after.put(partition, instant.toEpochMilli() + 1));
            Map<TopicPartition, OffsetAndTimestamp> firstAfter = consumer.offsetsForTimes(after, METADATA_TIMEOUT);
            firstAfter.forEach((partition, found) -> {
                if (found != null) {
                    bounds.put(partition, found.offset());
                }
            });
        });
        return planned();
    }

    private long planned() {
        long planned = 0;
        for (Map.Entry<TopicPartition, Long> bound : bounds.entrySet()) {
            planned += Math.max(0, bound.getValue() - starts.get(bound.getKey()));
        }
        return planned;
    }

    private List<TopicPartition> agencyPartitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<String, List<PartitionInfo>> topic :
                consumer.listTopics(METADATA_TIMEOUT).entrySet()) {
            if (Topics.agencyOf(topic.getKey()).isPresent()) {
                topic.getValue().forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
        }
        return partitions;
    }

    /** The agency topics this reader reads. */
    public Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        bounds.keySet().forEach(partition -> topics.add(partition.topic()));
        return topics;
    }

    /**
     * Feeds every record up to the bound to {@code replay}, once, in place of whatever an earlier call fed it: the
     * replay holds no cases between readings, so a later reading starts over from the first records.
     *
     * @param progress told how many records were counted, from the threads that fold
     */
    public void readInto(Replay replay, LongConsumer progress) {
        int partitions = bounds.keySet().stream()
                        .mapToInt(TopicPartition::partition)
                        .max()
                        .orElse(-1)
                + 1;
        replay.startOver();
        if (partitions == 0) {
            return;
        }
        long perPartition = Math.max(1, -Math.floorDiv(-planned(), partitions * recordsPerGroup));
        Groups groups =
                new Groups(partitions, partitions * (int) Math.min(perPartition, Integer.MAX_VALUE / partitions));
        LongConsumer shared = records -> {
            synchronized (progress) {
                progress.accept(records);
            }
        };
        try (MovedRecords moved = new MovedRecords()) {
            setAsideMoved(groups, moved);
            ExecutorService workers = Executors.newFixedThreadPool(WORKERS, DaemonThreads.numbered("reunify-replay"));
            try {
                List<Future<?>> folded = new ArrayList<>();
                for (int group = 0; group < groups.count(); group++) {
                    int number = group;
                    folded.add(workers.submit(() -> fold(number, groups, replay, moved, shared)));
                }
                for (Future<?> group : folded) {
                    awaitGroup(group);
                }
            } finally {
                workers.shutdownNow();
            }
        }
        replay.tellRefusals();
    }

    /** Group g of {@code count}: the cases whose murmur2 modulo the count is g, on partition g modulo P. */
    private record Groups(int partitions, int count) {

        int of(byte[] caseKey) {
            return CasePartition.of(caseKey, count);
        }

        int partitionOf(int group) {
            return group % partitions;
        }
    }

    /** The first, plain read: every keyed record that lies on another partition than its group's is set aside. */
    private void setAsideMoved(Groups groups, MovedRecords moved) {
        read(consumer, bounds.keySet(), records -> {}, record -> {
            if (record.key() != null) {
                int group = groups.of(record.key());
                if (groups.partitionOf(group) != record.partition()) {
                    moved.add(group, record);
                }
            }
            return false;
        });
        moved.finishWriting();
    }

    private void fold(int number, Groups groups, Replay replay, MovedRecords moved, LongConsumer progress) {
        CaseGroup group = replay.startGroup(number);
        int partition = groups.partitionOf(number);
        // The partition's first group also counts, and screens, the records no group folds where they lie.
        boolean countsTheRest = number < groups.partitions();
        try (KafkaConsumer<byte[], byte[]> reader = newConsumer()) {
            Set<TopicPartition> lies = new HashSet<>();
            bounds.keySet().stream()
                    .filter(candidate -> candidate.partition() == partition)
                    .forEach(lies::add);
            read(reader, lies, progress, record -> {
                int home = record.key() == null ? -1 : groups.of(record.key());
                boolean foldedHere = home == number;
                if (!foldedHere && !(countsTheRest && (home < 0 || groups.partitionOf(home) != partition))) {
                    return false;
                }
                CaseRecord passed = replay.read(
                        group,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.key(),
                        record.value(),
                        record.timestamp());
                if (foldedHere && passed != null) {
                    replay.fold(group, record.topic(), passed);
                }
                return true;
            });
        }
        moved.foldInto(
                number,
                (topic, lies, offset, key, value, reportedAt) ->
                        replay.foldMoved(group, topic, lies, offset, key, value, reportedAt));
        group.close();
    }

    private static void awaitGroup(Future<?> group) {
        try {
            group.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("the replay failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Reads the partitions from their first record up to their bound.
     *
     * @param counts takes each record; true when it counted the record, for {@code progress}
     */
    private void read(
            KafkaConsumer<byte[], byte[]> reader,
            Set<TopicPartition> partitions,
            LongConsumer progress,
            Predicate<ConsumerRecord<byte[], byte[]>> counts) {
        Set<TopicPartition> unfinished = new HashSet<>();
        partitions.forEach(partition -> {
            if (starts.get(partition) < bounds.get(partition)) {
                unfinished.add(partition);
            }
        });
        reader.assign(unfinished);
        unfinished.forEach(partition -> reader.seek(partition, starts.get(partition)));
        while (!unfinished.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = reader.poll(POLL);
            long counted = 0;
            for (TopicPartition partition : records.partitions()) {
                long bound = bounds.get(partition);
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    if (record.offset() >= bound) {
                        break;
                    }
                    counted += counts.test(record) ? 1 : 0;
                }
            }
            progress.accept(counted);
            for (TopicPartition partition : List.copyOf(unfinished)) {
                if (reader.position(partition, METADATA_TIMEOUT) >= bounds.get(partition)) {
                    unfinished.remove(partition);
                    reader.pause(List.of(partition));
                }
            }
        }
        reader.unsubscribe();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
