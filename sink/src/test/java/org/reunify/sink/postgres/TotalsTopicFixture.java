package org.reunify.sink.postgres;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.reunify.schemas.Region;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.Topics;
import org.reunify.sink.postgres.PostgresTallies.HistoryRow;
import org.reunify.testkit.KafkaBroker;

/**
 * The totals topic as the streams app writes it (transactions of tally changes), and the two views a test compares
 * the database with: the latest tally of every region, and every change in topic order.
 */
final class TotalsTopicFixture implements AutoCloseable {

    static final int PARTITIONS = 4;

    private final KafkaBroker broker;
    private final KafkaProducer<String, byte[]> producer;
    private final Random random = new Random(7);
    private final Map<String, long[]> counts = new HashMap<>();
    private Instant clock = Instant.parse("2025-12-01T00:00:00Z");

    TotalsTopicFixture(KafkaBroker broker) {
        this.broker = broker;
        broker.createTopic(Topics.TOTALS, PARTITIONS, Map.of("cleanup.policy", "compact"));
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "totals-fixture");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    /** Publishes {@code changes} tally changes of random regions, in transactions of up to 50. */
    void publish(int changes) {
        List<Region> regions = Regions.allWithNational();
        for (int sent = 0; sent < changes; ) {
            producer.beginTransaction();
            for (int inTransaction = 0; inTransaction < 50 && sent < changes; inTransaction++, sent++) {
                Region region = regions.get(random.nextInt(regions.size()));
                long[] figures = counts.computeIfAbsent(region.code(), code -> new long[2]);
                figures[0] += 1 + random.nextInt(3);
                figures[1] = Math.min(figures[0], figures[1] + random.nextInt(2));
                clock = clock.plusMillis(1 + random.nextInt(1_000));
                Tally tally = Tally.of(region.code(), figures[0], figures[1], clock);
                producer.send(new ProducerRecord<>(Topics.TOTALS, region.code(), TallyJson.toBytes(tally)));
            }
            producer.commitTransaction();
        }
    }

    /** Every committed change on the topic, by partition and offset: the history the database must hold. */
    List<HistoryRow> changes() {
        return broker.readCommitted(Topics.TOTALS).stream()
                .map(record -> new HistoryRow(record.partition(), record.offset(), TallyJson.fromBytes(record.value()))).toList();
    }

    /** The latest tally of every region the topic holds, sorted by region code. */
    static List<Tally> latest(List<HistoryRow> changes) {
        Map<String, Tally> latest = new TreeMap<>();
        changes.forEach(change -> latest.put(change.tally().region(), change.tally()));
        return List.copyOf(latest.values());
    }

    @Override
    public void close() {
        producer.close();
    }
}
