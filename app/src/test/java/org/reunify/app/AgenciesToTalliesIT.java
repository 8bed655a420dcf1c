package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.reunify.app.support.EventLines.deportation;
import static org.reunify.app.support.RejectedRecords.header;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.EventLines;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.producers.AgencyPublisher;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Topics;
import org.reunify.sink.FileTallySink;
import org.reunify.sink.TallyFiles;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.KafkaBrokerExtension;

/**
 * The whole pipeline on a real broker: two agencies publish JSON Lines through the publisher, the streams app and
 * the file sink run, and the totals topic, the tally files and the rejected topic say exactly what docs/DESIGN.md's
 * rules say they must.
 */
class AgenciesToTalliesIT {

    private static final List<String> NIB = List.of(
            deportation("n-1", "c-1", "UA-14"),
            deportation("n-2", "c-2", "UA-09"),
            "{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"n-3\",\"caseId\":\"c-2\",\"region\":\"UA-09\","
                    + "\"occurredOn\":\"2025-11-02\"}",
            deportation("n-4", "c-3", "UA-65"),
            "{\"type\":\"REPORT_RETRACTED\",\"eventId\":\"n-5\",\"caseId\":\"c-3\",\"retracts\":\"n-4\","
                    + "\"reason\":\"entered twice\"}",
            deportation("n-6", "c-4", "UA-44"));
    private static final List<String> BRING_KIDS_BACK = List.of(
            deportation("b-1", "c-1", "UA-14"),
            deportation("b-2", "c-5", "UA-63"),
            deportation("b-3", "c-5", "UA-23"),
            "{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"b-4\",\"caseId\":\"c-6\",\"region\":\"UA-48\","
                    + "\"occurredOn\":\"2024-03-15\"}");

    /**
     * c-1 reported by both agencies counts once; c-2 deported and returned; c-3 retracted; c-4 refused by the
     * publisher (UA-44 is Luhansk's P-code, not its ISO code); c-5 moved to UA-23 by the later report; c-6 returned
     * without a deportation report.
     */
    private static final Map<String, String> EXPECTED = Map.of(
            "UA", "4/2/2",
            "UA-09", "1/1/0",
            "UA-14", "1/0/1",
            "UA-23", "1/0/1",
            "UA-48", "1/1/0");

    @TempDir
    Path dir;

    /** One broker for the class, emptied after each test: the topics are the pipeline's fixed names. */
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private Map<String, Object> client;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    @BeforeEach
    void provisionAgencies() {
        client = kafka.broker().clientConfig();
        try (Admin admin = Admin.create(client)) {
            AgencyProvisioning agencies = new AgencyProvisioning(admin);
            agencies.add("nib", OptionalInt.of(3), Optional.of((short) 1));
            agencies.add("bring-kids-back", OptionalInt.empty(), Optional.of((short) 1));
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        while (!running.isEmpty()) {
            running.pop().close();
        }
        kafka.broker().deleteTopicsAndGroups();
    }

    @Test
    void totalsTopicAndTallyFilesShowExactlyTheDeDuplicatedCounts() throws IOException {
        assertThat(publish("nib", NIB).refused()).isEqualTo(1);
        assertThat(publish("bring-kids-back", BRING_KIDS_BACK).refused()).isZero();
        Pipeline pipeline = new Pipeline(client, new TopologySettings(4));
        StreamsRunner streams = pipeline.startStreams(dir.resolve("streams"));
        running.push(() -> streams.close());
        TallyFiles files = new TallyFiles(dir.resolve("tallies"));
        running.push(pipeline.startFileSink(files));

        Figures.awaitTotals(client, EXPECTED);
        Figures.awaitTallyFile(files, EXPECTED);
        assertThat(Figures.read(files.csv())).contains("UA-23,", "UA,");
    }

    @Test
    void aFileSinkStartedBeforeThePipelineWaitsForItAndThenWritesTheTallies() throws IOException, InterruptedException {
        TallyFiles files = new TallyFiles(dir.resolve("tallies"));
        FileTallySink sink = new FileTallySink(client, files);
        Thread sinkThread = new Thread(sink, "file-sink");
        sinkThread.start();
        running.push(() -> {
            sink.close();
            sinkThread.join(10_000);
        });
        Thread.sleep(2_000);
        assertThat(sinkThread.isAlive())
                .as("the sink waits for the totals topic")
                .isTrue();
        assertThat(files.json()).doesNotExist();

        Pipeline pipeline = new Pipeline(client, TopologySettings.defaults());
        StreamsRunner streams = pipeline.startStreams(dir.resolve("streams"));
        running.push(() -> streams.close());
        publish("nib", NIB);
        publish("bring-kids-back", BRING_KIDS_BACK);

        Figures.awaitTallyFile(files, EXPECTED);
    }

    @Test
    void thePublisherReportsEachRefusedLineWithFileAndLineNumber() throws IOException {
        StringWriter refusals = new StringWriter();
        Path file = write("nib", NIB);

        AgencyPublisher.Summary summary = new AgencyPublisher("nib", client)
                .publish(List.of(file.toString()), Optional.empty(), false, new PrintWriter(refusals, true));

        assertThat(summary.published()).isEqualTo(5);
        assertThat(refusals.toString())
                .startsWith(file + ":6: ")
                .contains("UA-44")
                .contains("UA-09");
    }

    @Test
    void restartingTheStreamsAppMidwayChangesNothingInTheResult() throws IOException {
        Pipeline pipeline = new Pipeline(client, TopologySettings.defaults());
        StreamsRunner first = pipeline.startStreams(dir.resolve("streams"));
        publish("nib", NIB);
        Figures.awaitTotals(client, Map.of("UA", "2/1/1", "UA-09", "1/1/0", "UA-14", "1/0/1"));
        first.close();

        publish("bring-kids-back", BRING_KIDS_BACK);
        StreamsRunner second = pipeline.startStreams(dir.resolve("streams"));
        running.push(() -> second.close());

        Figures.awaitTotals(client, EXPECTED);
    }

    @Test
    void aNewInstanceWithoutLocalStateRestoresItFromTheChangelogs() throws IOException {
        Pipeline pipeline = new Pipeline(client, TopologySettings.defaults());
        StreamsRunner first = pipeline.startStreams(dir.resolve("first"));
        publish("nib", NIB);
        Figures.awaitTotals(client, Map.of("UA", "2/1/1", "UA-09", "1/1/0", "UA-14", "1/0/1"));
        first.close();

        StreamsRunner replacement = pipeline.startStreams(dir.resolve("replacement"));
        running.push(() -> replacement.close());
        publish("bring-kids-back", BRING_KIDS_BACK);

        Figures.awaitTotals(client, EXPECTED);
    }

    @Test
    void anAgencyProvisionedWhileThePipelineRunsIsCountedWithoutARestart() throws IOException {
        Pipeline pipeline = new Pipeline(client, TopologySettings.defaults());
        StreamsRunner streams = pipeline.startStreams(dir.resolve("streams"));
        running.push(() -> streams.close());
        publish("nib", NIB);
        publish("bring-kids-back", BRING_KIDS_BACK);
        Figures.awaitTotals(client, EXPECTED);

        try (Admin admin = Admin.create(client)) {
            new AgencyProvisioning(admin).add("yale-hrl", OptionalInt.empty(), Optional.of((short) 1));
        }
        publish("yale-hrl", List.of(deportation("y-1", "c-7", "UA-43")));

        Map<String, String> withCrimea = new TreeMap<>(EXPECTED);
        withCrimea.put("UA", "5/2/3");
        withCrimea.put("UA-43", "1/0/1");
        Figures.awaitTotals(client, withCrimea);
    }

    @Test
    void badRecordsGoToRejectedWithTheirReasonAndTheCountingGoesOn() throws IOException {
        Pipeline pipeline = new Pipeline(client, TopologySettings.defaults());
        StreamsRunner streams = pipeline.startStreams(dir.resolve("streams"));
        running.push(() -> streams.close());
        byte[] notAnEvent = "{\"type\":\"DEPORTATION_REPORTED\"}".getBytes(StandardCharsets.UTF_8);
        byte[] otherAgencysEvent = EventCodec.encode(new EventFactory("bring-kids-back", "test")
                .deportation("b-9", "c-9", "UA-14", LocalDate.of(2022, 5, 1), "RU"));
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.eventsTopic("nib"), bytes("c-8"), notAnEvent));
            producer.send(new ProducerRecord<>(Topics.eventsTopic("nib"), bytes("c-9"), otherAgencysEvent));
        }
        publish("nib", NIB);
        publish("bring-kids-back", BRING_KIDS_BACK);

        Figures.awaitTotals(client, EXPECTED);
        List<ConsumerRecord<byte[], byte[]>> rejected = readRejected(2);
        assertThat(rejected)
                .extracting(record -> header(record, Topics.REASON_HEADER))
                .satisfiesExactlyInAnyOrder(
                        reason -> assertThat(reason).startsWith("UNDECODABLE"),
                        reason -> assertThat(reason).startsWith("AGENCY_MISMATCH"));
        assertThat(rejected).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(notAnEvent, otherAgencysEvent);
        assertThat(rejected).allSatisfy(record -> {
            assertThat(header(record, Topics.SOURCE_TOPIC_HEADER)).isEqualTo(Topics.eventsTopic("nib"));
            assertThat(header(record, Topics.SOURCE_OFFSET_HEADER)).matches("\\d+");
            assertThat(header(record, Topics.SOURCE_PARTITION_HEADER)).matches("\\d+");
        });
    }

    private AgencyPublisher.Summary publish(String agency, List<String> lines) throws IOException {
        return EventLines.publish(client, dir, agency, lines);
    }

    private Path write(String agency, List<String> lines) throws IOException {
        return Files.write(dir.resolve(agency + ".jsonl"), lines);
    }

    private List<ConsumerRecord<byte[], byte[]>> readRejected(int expected) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(consumer.partitionsFor(Topics.REJECTED.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList());
            await().atMost(Duration.ofMinutes(1)).pollInSameThread().untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(250)).forEach(records::add);
                assertThat(records).hasSize(expected);
            });
        }
        return records;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
