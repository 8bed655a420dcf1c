package org.reunify.sink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 * the sinks with: the latest tally of every region, and every change in topic order. It can also write records that
 * hold no tally, as a broken or hostile writer would; those are in neither view.
 */
public final class TotalsTopicFixture implements AutoCloseable {

    public static final int PARTITIONS = 4;
    /** In every malformed value that has room for it, where it goes wrong: a log that quotes a record would show it. */
    public static final String MARKER = "Zz9";

    private static final String GOOD =
            "{\"region\":\"UA-14\",\"name\":\"Donetsk Oblast\",\"deported\":3,\"returned\":1,\"outstanding\":2,"
                    + "\"updatedAt\":\"2025-12-03T16:04:32.117Z\"}";

    private final KafkaBroker broker;
    private final KafkaProducer<String, byte[]> producer;
    private final Random random = new Random(7);
    private final Map<String, long[]> counts = new HashMap<>();
    private final Set<Position> malformed = new HashSet<>();
    private Instant clock = Instant.parse("2025-12-01T00:00:00Z");

    private record Position(int partition, long offset) {}

    public TotalsTopicFixture(KafkaBroker broker) {
        this.broker = broker;
        broker.createTopic(Topics.TOTALS.name(), PARTITIONS, Map.of("cleanup.policy", "compact"));
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "totals-fixture");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    /** Publishes {@code changes} tally changes of random regions, in transactions of up to 50. */
    public void publish(int changes) {
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
                producer.send(new ProducerRecord<>(Topics.TOTALS.name(), region.code(), TallyJson.toBytes(tally)));
            }
            producer.commitTransaction();
        }
    }

    /**
     * Publishes, in one transaction, one record of each kind that holds no tally: a malformed date, a missing field,
     * a wrong type, bytes that are not JSON, JSON of another shape, figures that do not add up, a tally under another
     * region's key. (The broker itself refuses a record without a key on the compacted topic.)
     *
     * @return how many records that is
     */
    public int publishMalformed() throws ExecutionException, InterruptedException {
        List<ProducerRecord<String, byte[]>> records = List.of(
                malformed("UA-14", GOOD.replace("2025-12-03T16:04:32.117Z", MARKER + "-yesterday")),
                malformed("UA-14", GOOD.replace("\"returned\":1,", "")),
                malformed("UA-14", GOOD.replace("\"deported\":3", "\"deported\":\"" + MARKER + "\"")),
                malformed("UA-14", "\u0000" + MARKER + " is not JSON"),
                malformed("UA-14", "[\"" + MARKER + "\"]"),
                malformed(
                        "UA-14", GOOD.replace("\"returned\":1,\"outstanding\":2", "\"returned\":4,\"outstanding\":-1")),
                malformed("UA-09", GOOD));
        producer.beginTransaction();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        records.forEach(record -> sent.add(producer.send(record)));
        producer.commitTransaction();
        for (Future<RecordMetadata> metadata : sent) {
            malformed.add(
                    new Position(metadata.get().partition(), metadata.get().offset()));
        }
        return records.size();
    }

    private static ProducerRecord<String, byte[]> malformed(String key, String value) {
        return new ProducerRecord<>(Topics.TOTALS.name(), key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Every committed change on the topic, by partition and offset: the history the database must hold. */
    public List<HistoryRow> changes() {
        return broker.readCommitted(Topics.TOTALS.name()).stream()
                .filter(record -> !malformed.contains(new Position(record.partition(), record.offset())))
                .map(record -> new HistoryRow(record.partition(), record.offset(), TallyJson.fromBytes(record.value())))
                .toList();
    }

    /** The latest tally of every region the topic holds, sorted by region code. */
    public static List<Tally> latest(List<HistoryRow> changes) {
        Map<String, Tally> latest = new TreeMap<>();
        changes.forEach(change -> latest.put(change.tally().code(), change.tally()));
        return List.copyOf(latest.values());
    }

    @Override
    public void close() {
        producer.close();
    }
}
