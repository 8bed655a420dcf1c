package org.reunify.operations.status;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.reunify.schemas.AdminCalls;
import org.reunify.schemas.ReadCommitted;
import org.reunify.schemas.Topics;
import org.reunify.schemas.Waits;
import org.reunify.sink.AppliedOffsets;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.postgres.Database;
import org.reunify.sink.postgres.StoredOffsets;

/** Reads each sink's stored position and the ends of the topics it applies, and judges them ({@link SinkPosition}). */
final class SinkPositions {

    static final String FILE = "file";
    static final String POSTGRESQL = "postgresql";

    private static final Duration POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final Map<String, Object> clientConfig;
    private final StatusSettings settings;
    private final Instant now;

    SinkPositions(Admin admin, Map<String, Object> clientConfig, StatusSettings settings, Instant now) {
        this.admin = admin;
        this.clientConfig = clientConfig;
        this.settings = settings;
        this.now = now;
    }

    List<SinkPosition> read() {
        List<SinkPosition> sinks = new ArrayList<>();
        fileSink().ifPresent(sinks::add);
        settings.database().ifPresent(database -> sinks.addAll(postgres(database)));
        return sinks;
    }

    /**
     * The default directory is only looked at; a directory named on the command line must hold a file sink's
     * position.
     */
    private Optional<SinkPosition> fileSink() {
        TallyFiles files = new TallyFiles(settings.sinkDir());
        String where = settings.sinkDir().toString();
        try {
            Optional<AppliedOffsets> applied = files.readPosition();
            if (applied.isPresent()) {
                Map<Integer, Stored> stored = new HashMap<>();
                applied.get()
                        .nextOffsets()
                        .forEach((partition, next) -> stored.put(
                                partition, new Stored(next, applied.get().writtenAt())));
                return Optional.of(judge(FILE, where, applied.get().topic(), stored));
            }
        } catch (IOException e) {
            return Optional.of(SinkPosition.unreadable(
                    FILE, where, Topics.TOTALS.name(), "cannot read " + files.position() + ": " + e.getMessage()));
        }
        if (!settings.sinkDirNamed() && !Files.exists(files.json())) {
            return Optional.empty();
        }
        return Optional.of(SinkPosition.unreadable(
                FILE,
                where,
                Topics.TOTALS.name(),
                "no " + TallyFiles.POSITION + " in " + where
                        + ": no file sink of this version has read the totals to their end there"));
    }

    private List<SinkPosition> postgres(Database database) {
        String where = database.toString();
        try {
            Map<String, Map<Integer, Stored>> stored = new TreeMap<>();
            StoredOffsets.read(database)
                    .forEach(offset -> stored.computeIfAbsent(offset.topic(), topic -> new HashMap<>())
                            .put(offset.partition(), new Stored(offset.nextOffset(), offset.writtenAt())));
            if (stored.isEmpty()) {
                return List.of(SinkPosition.unreadable(
                        POSTGRESQL, where, Topics.TOTALS.name(), "the PostgreSQL sink has stored no position yet"));
            }
            return stored.entrySet().stream()
                    .map(topic -> judge(POSTGRESQL, where, topic.getKey(), topic.getValue()))
                    .toList();
        } catch (SQLException e) {
            return List.of(SinkPosition.unreadable(
                    POSTGRESQL,
                    where,
                    Topics.TOTALS.name(),
                    "cannot read the PostgreSQL sink's offsets (sink_offsets) at " + where + ": " + e.getMessage()));
        }
    }

    /** A stored position: the next offset to apply and when the sink stored it. */
    private record Stored(long next, Instant at) {}

    /** A partition the sink has stored nothing for is one it would apply from its start. */
    private SinkPosition judge(String sink, String where, String topic, Map<Integer, Stored> stored) {
        Map<TopicPartition, Long> ends;
        try {
            ends = committedEnds(topic);
        } catch (UnknownTopicOrPartitionException e) {
            return SinkPosition.unreadable(
                    sink, where, topic, "the " + sink + " sink reads " + topic + ", which does not exist");
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        ends.keySet()
                .forEach(partition -> next.put(
                        partition,
                        Optional.ofNullable(stored.get(partition.partition()))
                                .map(Stored::next)
                                .orElse(0L)));
        Map<TopicPartition, Instant> firstUnapplied = firstUnapplied(next, ends);
        List<SinkPosition.Partition> partitions = ends.keySet().stream()
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .map(partition -> new SinkPosition.Partition(
                        partition.partition(),
                        next.get(partition),
                        Optional.ofNullable(stored.get(partition.partition())).map(Stored::at),
                        ends.get(partition),
                        Optional.ofNullable(firstUnapplied.get(partition))))
                .toList();
        return SinkPosition.judge(sink, where, topic, partitions, now, settings.sinkGrace());
    }

    private Map<TopicPartition, Long> committedEnds(String topic) {
        TopicDescription description = AdminCalls.await(
                        admin.describeTopics(Set.of(topic)).allTopicNames(), "describe " + topic)
                .get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description
                .partitions()
                .forEach(
                        partition -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        AdminCalls.await(
                        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                                .all(),
                        "list the ends of " + topic)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /**
     * The timestamp of the first committed record at or past each stored position that is below its end. Past a stored
     * position there may be only commit markers and aborted records, which a sink has nothing to apply from.
     */
    private Map<TopicPartition, Instant> firstUnapplied(
            Map<TopicPartition, Long> next, Map<TopicPartition, Long> ends) {
        List<TopicPartition> behind = next.keySet().stream()
                .filter(partition -> next.get(partition) < ends.get(partition))
                .toList();
        Map<TopicPartition, Instant> first = new HashMap<>();
        if (behind.isEmpty()) {
            return first;
        }
        Map<String, Object> config = ReadCommitted.consumerConfig(clientConfig, "reunify-status");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(behind);
            behind.forEach(partition -> consumer.seek(partition, next.get(partition)));
            Waits.until(
                    settings.timeout(),
                    Duration.ZERO,
                    () -> {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                            first.putIfAbsent(
                                    new TopicPartition(record.topic(), record.partition()),
                                    Instant.ofEpochMilli(record.timestamp()));
                        }
                        return behind.stream()
                                .allMatch(partition -> first.containsKey(partition)
                                        || consumer.position(partition) >= ends.get(partition));
                    },
                    "the first records the sinks have not applied");
        }
        return first;
    }
}
