package org.reunify.sink.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.ReadCommitted;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topics;
import org.reunify.sink.PublishedTallies;
import org.reunify.sink.SinkMetrics;
import org.reunify.sink.TallyRecords;
import org.reunify.sink.TotalsTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's {@code region_tallies} equal to the committed totals and appends every change to
 * {@code region_tally_history}, and keeps {@code destination_tallies}, {@code region_tallies_daily} and {@code
 * region_timeline} equal to the destination and daily tallies and the timeline, exactly once: the offsets it has
 * consumed live in {@code sink_offsets}, written in the same database transaction as the rows, and it seeks to them on
 * start and on every partition assignment.
 * Kafka's committed offsets are not used, so nothing outside that transaction can say where the sink is.
 */
public final class PostgresTallySink implements Runnable, AutoCloseable {

    public static final String DEFAULT_GROUP_ID = "reunify-sink-postgres";
    static final String NAME = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresTallySink.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final Map<String, Object> consumerConfig;
    private final ConnectionSource database;
    private final SinkMetrics metrics;
    private final TallyRecords tallyRecords = new TallyRecords();
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    /** Where this sink left each assigned partition in the database: the fencing token of its next transaction. */
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    /** The tables over the current connection; replaced on every reconnect. */
    private TallyTables tables;

    private long changesSinceReport;
    private long reportStartedAt = System.nanoTime();

    public PostgresTallySink(Map<String, Object> clientConfig, Database database) {
        this(clientConfig, database, SinkMetrics.NONE);
    }

    public PostgresTallySink(Map<String, Object> clientConfig, Database database, SinkMetrics metrics) {
        this(clientConfig, (ConnectionSource) database, metrics);
    }

    PostgresTallySink(Map<String, Object> clientConfig, ConnectionSource database) {
        this(clientConfig, database, SinkMetrics.NONE);
    }

    private PostgresTallySink(Map<String, Object> clientConfig, ConnectionSource database, SinkMetrics metrics) {
        Map<String, Object> config = ReadCommitted.consumerConfig(clientConfig, "reunify-sink-postgres");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, DEFAULT_GROUP_ID);
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        this.consumerConfig = config;
        this.database = database;
        this.metrics = metrics;
    }

    /**
     * Writes until {@link #close()}. When PostgreSQL fails (a restart, a network cut), the open transaction is lost
     * and nothing else: the sink reconnects with growing pauses and goes on from the offsets the database holds.
     */
    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> kafka =
                new KafkaConsumer<>(consumerConfig, Topics.TOTALS.keyDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            if (!TotalsTopic.await(kafka, Topics.TOTALS.name(), () -> running)) {
                return;
            }
            Duration pause = FIRST_PAUSE;
            while (running) {
                try (Connection connection = database.open()) {
                    int applied = SchemaMigrations.migrate(connection);
                    LOG.info(
                            "writing tallies to PostgreSQL at {} (schema version {}{})",
                            database,
                            SchemaMigrations.latestVersion(),
                            applied > 0 ? ", " + applied + " migration(s) applied" : "");
                    tables = new TallyTables(connection);
                    if (kafka.subscription().isEmpty()) {
                        kafka.subscribe(
                                Stream.concat(
                                                Arrays.stream(PublishedTallies.values())
                                                        .map(PublishedTallies::topicName),
                                                Stream.of(Topics.TIMELINE.name()))
                                        .toList(),
                                new SeekToStoredOffsets(kafka));
                    } else {
                        seekToStored(kafka, kafka.assignment());
                    }
                    pause = FIRST_PAUSE;
                    while (running) {
                        ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
                        if (!records.isEmpty()) {
                            write(connection, kafka, records);
                        }
                        caughtUp = records.isEmpty() && !kafka.assignment().isEmpty();
                    }
                } catch (SQLException | RuntimeException e) {
                    SQLException cause = sqlCause(e);
                    if (cause == null || !running) {
                        throw e instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e);
                    }
                    LOG.warn(
                            "PostgreSQL at {} failed ({}); reconnecting in {} s, from the offsets it holds",
                            database,
                            cause.getMessage(),
                            pause.toSeconds());
                    tables = null;
                    caughtUp = false;
                    if (!sleep(pause)) {
                        return;
                    }
                    pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        }
    }

    /** Whether PostgreSQL is reachable and the sink's last poll found nothing it had not written. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /**
     * How many records of the published topics held no tally and were skipped (each with a warning), since this sink
     * started.
     */
    public long skipped() {
        return tallyRecords.skipped();
    }

    /** The database failure behind {@code failure}, also when a rebalance callback threw it through the consumer. */
    private static SQLException sqlCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** @return false when interrupted */
    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One transaction: every change of the poll, then the offsets after them. */
    private void write(
            Connection connection, KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records)
            throws SQLException {
        List<TallyTables.Change> changes = new ArrayList<>(records.count());
        List<TallyTables.TimelineChange> months = new ArrayList<>();
        Set<String> deletedDays = new LinkedHashSet<>();
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (!stored.containsKey(partition)) {
                continue;
            }
            next.put(partition, record.offset() + 1);
            boolean deleted = record.key() != null && record.value() == null;
            if (deleted && record.topic().equals(Topics.TOTALS_DAILY.name())) {
                // The deletes run after the upserts: a deleted day's earlier tallies of this poll go unwritten.
                changes.removeIf(change -> change.tally().topicKey().equals(record.key())
                        && change.tally().isDaily());
                deletedDays.add(record.key());
            } else if (!record.topic().equals(Topics.TIMELINE.name())) {
                tallyRecords.tally(record).ifPresent(tally -> {
                    deletedDays.remove(tally.topicKey());
                    changes.add(new TallyTables.Change(record.partition(), record.offset(), tally));
                });
            } else if (deleted) {
                months.add(new TallyTables.TimelineChange(record.key(), null));
            } else {
                tallyRecords
                        .timelineEntry(record)
                        .ifPresent(entry -> months.add(new TallyTables.TimelineChange(entry.key(), entry)));
            }
        }
        try {
            tables.write(changes);
            tables.deleteDays(deletedDays);
            tables.writeTimeline(months);
            tables.advance(stored, next);
            connection.commit();
        } catch (TallyTables.FencedException e) {
            connection.rollback();
            LOG.warn("{}; reading from the stored offsets again", e.getMessage());
            seekToStored(kafka, List.copyOf(stored.keySet()));
            return;
        } catch (SQLException | RuntimeException e) {
            rollbackAfter(connection, e);
            throw e;
        }
        stored.putAll(next);
        report(changes.size() + months.size());
        observe(changes, months.size());
    }

    /** Every regional tally written is one the sink read committed; after a pause the latency it shows is real. */
    private void observe(List<TallyTables.Change> changes, int months) {
        Instant readAt = Instant.now();
        metrics.written(NAME, changes.size() + months);
        for (TallyTables.Change change : changes) {
            Tally tally = change.tally();
            if (tally.by() == Breakdown.region && !tally.isDaily()) {
                metrics.committed(NAME, tally, readAt);
            }
        }
    }

    /** A failed rollback (the connection is gone, say) must not hide why the transaction failed. */
    private static void rollbackAfter(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void report(int changes) {
        changesSinceReport += changes;
        long elapsed = System.nanoTime() - reportStartedAt;
        if (elapsed >= REPORT_EVERY.toNanos()) {
            LOG.info(
                    "wrote {} changes to PostgreSQL in the last {} s ({} changes/s)",
                    changesSinceReport,
                    Duration.ofNanos(elapsed).toSeconds(),
                    changesSinceReport * 1_000_000_000L / elapsed);
            changesSinceReport = 0;
            reportStartedAt = System.nanoTime();
        }
    }

    private void seekToStored(KafkaConsumer<String, byte[]> kafka, Collection<TopicPartition> partitions) {
        try {
            Map<TopicPartition, Long> offsets = tables.storedOffsets(List.copyOf(partitions));
            offsets.forEach(kafka::seek);
            stored.putAll(offsets);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the sink's offsets from PostgreSQL at " + database + ": " + e.getMessage(), e);
        }
    }

    private final class SeekToStoredOffsets implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> kafka;

        SeekToStoredOffsets(KafkaConsumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            seekToStored(kafka, partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(stored::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }
}
