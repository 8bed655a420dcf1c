package org.reunify.streams;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallySerde;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;

/** The topology on a TopologyTestDriver: publish events at chosen append times, read totals and rejections. */
final class TopologyHarness implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
    private final TestOutputTopic<String, Tally> totals;
    private final TestOutputTopic<byte[], byte[]> rejected;
    private final Map<String, Tally> latest = new HashMap<>();

    TopologyHarness(Path stateDir) {
        this(stateDir, TopologySettings.defaults());
    }

    TopologyHarness(Path stateDir, TopologySettings topology) {
        StreamsSettings settings = new StreamsSettings("test:9092", "reunify-test", stateDir, 1, topology, Map.of());
        StreamsBuilder builder = new StreamsBuilder();
        ReunificationTopology.build(builder, settings.topology());
        driver = new TopologyTestDriver(builder.build(), PipelineStreams.properties(settings));
        totals = driver.createOutputTopic(Topics.TOTALS.name(), new StringDeserializer(), new TallySerde().deserializer());
        rejected = driver.createOutputTopic(Topics.REJECTED.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Publishes an event on its agency's topic, keyed by its case, as appended at {@code reportedAt}. */
    void publish(ReunificationEvent event, Instant reportedAt) {
        publishRaw(Topics.eventsTopic(event.getAgency()), utf8(event.getCaseId()), EventCodec.encode(event), reportedAt);
    }

    void publishRaw(String topic, byte[] key, byte[] value, Instant reportedAt) {
        publishRaw(topic, key, value, new RecordHeaders(), reportedAt);
    }

    void publishRaw(String topic, byte[] key, byte[] value, Headers headers, Instant reportedAt) {
        inputs.computeIfAbsent(topic, name -> driver.createInputTopic(name, new ByteArraySerializer(), new ByteArraySerializer()))
                .pipeInput(new TestRecord<>(key, value, headers, reportedAt));
    }

    /** The latest tally of a region (or UA) on the totals topic; an empty tally if none was published. */
    Tally total(String region) {
        drainTotals();
        return latest.getOrDefault(region, Tally.empty(Regions.byCode(region).orElseThrow()));
    }

    /** Every record the totals topic received since the last read, in order; hands pending changes on first. */
    List<Tally> totalsRecords() {
        driver.advanceWallClockTime(TopologySettings.DEFAULT_HAND_ON_INTERVAL);
        List<Tally> records = totals.readValuesToList();
        records.forEach(tally -> latest.put(tally.region(), tally));
        return records;
    }

    Map<String, Tally> totals() {
        drainTotals();
        return Map.copyOf(latest);
    }

    List<TestRecord<byte[], byte[]>> rejected() {
        return rejected.readRecordsToList();
    }

    static String header(TestRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void drainTotals() {
        // The tasks hand their summed changes on by wall-clock time, which only moves here when told to.
        driver.advanceWallClockTime(TopologySettings.DEFAULT_HAND_ON_INTERVAL);
        totals.readRecordsToList().forEach(record -> latest.put(record.key(), record.value()));
    }

    @Override
    public void close() {
        driver.close();
    }
}
