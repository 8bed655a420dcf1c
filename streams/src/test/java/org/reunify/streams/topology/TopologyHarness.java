package org.reunify.streams.topology;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;
import org.reunify.schemas.Topic;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.runtime.PipelineStreams;
import org.reunify.streams.runtime.StreamsSettings;

/**
 * The topology {@link PipelineStreams#topology} ships, with the app's own configuration, on a TopologyTestDriver:
 * publish records at chosen append times, read the totals and the rejections. For the topology tests here and the
 * property tests of the replay.
 */
public final class TopologyHarness implements AutoCloseable {

    /**
     * The agencies whose topics the topology reads here: every agency the tests publish for (a record for another is
     * refused by the driver as a topic it does not know).
     */
    public static final List<String> AGENCIES =
            List.of("bkb", "bring-kids-back", "national-police", "nib", "police", "rchr", "yale-hrl");

    private final TopologyTestDriver driver;
    private final TopologySettings topology;
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
    /** The value of every record published, by topic and offset: where a record refused late is read back from. */
    private final Map<String, List<byte[]>> published = new HashMap<>();

    private final TestOutputTopic<String, Tally> totals;
    private final TestOutputTopic<String, Tally> destinations;
    private final TestOutputTopic<String, Tally> daily;
    private final TestOutputTopic<String, TimelineEntry> timeline;
    private final TestOutputTopic<byte[], byte[]> rejected;
    private final TestOutputTopic<byte[], byte[]> movedToCasePartition;
    private final Map<String, Tally> latest = new HashMap<>();
    private final Map<String, Tally> latestDestinations = new TreeMap<>();
    private final Map<String, Tally> latestDaily = new TreeMap<>();
    private final Map<String, TimelineEntry> latestTimeline = new TreeMap<>();

    public TopologyHarness(Path stateDir) {
        this(stateDir, TopologySettings.defaults());
    }

    public TopologyHarness(Path stateDir, TopologySettings topology) {
        this(stateDir, topology, AGENCIES);
    }

    /** The topology reading the topics of {@code agencies}. */
    public TopologyHarness(Path stateDir, TopologySettings topology, Collection<String> agencies) {
        this.topology = topology.readingHeldRecordsFrom((appConfigs, clientId) -> this::publishedValue);
        StreamsSettings settings = new StreamsSettings(
                        "test:9092", "reunify-test", stateDir, 1, this.topology, Map.of())
                .reading(agencies.stream().map(Topics::eventsTopic).toList());
        driver = new TopologyTestDriver(PipelineStreams.topology(settings), PipelineStreams.properties(settings));
        totals = driver.createOutputTopic(
                Topics.TOTALS.name(), Topics.TOTALS.keyDeserializer(), Topics.TOTALS.valueDeserializer());
        destinations = output(Topics.DESTINATIONS);
        daily = output(Topics.TOTALS_DAILY);
        timeline = output(Topics.TIMELINE);
        rejected = driver.createOutputTopic(
                Topics.REJECTED.name(), Topics.REJECTED.keyDeserializer(), Topics.REJECTED.valueDeserializer());
        movedToCasePartition = driver.createOutputTopic(
                ReunificationTopology.repartitionTopics(settings.applicationId())
                        .get(0),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Publishes an event on its agency's topic, keyed by its case, as appended at {@code reportedAt}. */
    public void publish(ReunificationEvent event, Instant reportedAt) {
        publishRaw(
                Topics.eventsTopic(event.getAgency()), utf8(event.getCaseId()), EventCodec.encode(event), reportedAt);
    }

    public void publishRaw(String topic, byte[] key, byte[] value, Instant reportedAt) {
        publishRaw(topic, key, value, new RecordHeaders(), reportedAt);
    }

    /**
     * Any bytes on the topic of one of {@link #AGENCIES}. The driver numbers each topic's records in the order they are
     * published: that order makes the offsets.
     */
    public void publishRaw(String topic, byte[] key, byte[] value, Headers headers, Instant reportedAt) {
        inputs.computeIfAbsent(
                        topic,
                        name -> driver.createInputTopic(name, new ByteArraySerializer(), new ByteArraySerializer()))
                .pipeInput(new TestRecord<>(key, value, headers, reportedAt));
        published.computeIfAbsent(topic, name -> new ArrayList<>()).add(value);
    }

    /** The driver reads every topic as partition 0. */
    private byte[] publishedValue(String topic, int partition, long offset) {
        List<byte[]> values = published.getOrDefault(topic, List.of());
        if (partition != 0 || offset >= values.size()) {
            throw new IllegalStateException(
                    "nothing was published at " + topic + " partition " + partition + " offset " + offset);
        }
        return values.get((int) offset);
    }

    /** The latest tally of a region (or UA) on the totals topic; an empty tally if none was published. */
    public Tally total(String region) {
        drainTotals();
        return latest.getOrDefault(region, Tally.empty(Regions.byCode(region).orElseThrow()));
    }

    /** Every record the totals topic received since the last read, in order; hands pending changes on first. */
    public List<Tally> totalsRecords() {
        handOn();
        List<Tally> records = totals.readValuesToList();
        records.forEach(tally -> latest.put(tally.code(), tally));
        return records;
    }

    /** The latest tally of every region the totals topic holds. */
    public Map<String, Tally> totals() {
        drainTotals();
        return Map.copyOf(latest);
    }

    /** The latest tally of every destination the destinations topic holds, by code. */
    public Map<String, Tally> destinations() {
        handOn();
        destinations.readRecordsToList().forEach(record -> latestDestinations.put(record.key(), record.value()));
        return Map.copyOf(latestDestinations);
    }

    /** The daily topic as compaction keeps it: the latest value of every key not deleted since, sorted by key. */
    public Map<String, Tally> daily() {
        dailyRecords();
        return new TreeMap<>(latestDaily);
    }

    /**
     * Every record the daily topic received since the last read, in order, by key: null for a deleted day; hands
     * pending changes on first.
     */
    public List<TestRecord<String, Tally>> dailyRecords() {
        handOn();
        List<TestRecord<String, Tally>> records = daily.readRecordsToList();
        records.forEach(record -> {
            if (record.value() == null) {
                latestDaily.remove(record.key());
            } else {
                latestDaily.put(record.key(), record.value());
            }
        });
        return records;
    }

    /** The timeline as its compacted topic holds it: the latest entry of every key not deleted since, by key. */
    public Map<String, TimelineEntry> timeline() {
        handOn();
        timeline.readRecordsToList().forEach(record -> {
            if (record.value() == null) {
                latestTimeline.remove(record.key());
            } else {
                latestTimeline.put(record.key(), record.value());
            }
        });
        return new TreeMap<>(latestTimeline);
    }

    /** Every record the rejected topic received since the last read. */
    public List<TestRecord<byte[], byte[]>> rejected() {
        return rejected.readRecordsToList();
    }

    /**
     * Every record moved to its case's partition through the case-events repartition since the last read: the driver
     * reads every topic as partition 0, so those whose case partition is another.
     */
    public List<TestRecord<byte[], byte[]>> movedToCasePartition() {
        return movedToCasePartition.readRecordsToList();
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keyDeserializer(), topic.valueDeserializer());
    }

    public static String header(TestRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void drainTotals() {
        handOn();
        totals.readRecordsToList().forEach(record -> latest.put(record.key(), record.value()));
    }

    /** The tasks hand their summed changes on by wall-clock time, which only moves here when told to. */
    private void handOn() {
        driver.advanceWallClockTime(topology.handOnInterval());
    }

    @Override
    public void close() {
        driver.close();
    }
}
