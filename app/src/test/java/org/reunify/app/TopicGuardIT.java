package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Topics;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.runtime.StreamsSettings;
import org.reunify.streams.runtime.TopicGuard;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.CapturedLog;
import org.reunify.testkit.KafkaBrokerExtension;
import picocli.CommandLine;

/**
 * The streams app refuses to start on topics of its own that would lose or miscount data, and says how to fix them; an
 * agency topic that would is left out of the count and named, and every other agency counts on.
 */
class TopicGuardIT {

    @TempDir
    Path dir;

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    /** The topics are the pipeline's fixed names: each test finds the broker as new. */
    @AfterEach
    void deleteTopicsAndGroups() {
        kafka.broker().deleteTopicsAndGroups();
    }

    @Test
    void anAgencyTopicThatDeletesOldEventsIsLeftOutAndNamedWhileTheOthersCount() throws Exception {
        kafka.broker().createTopic(Topics.eventsTopic("rchr"), 6, withConfig("retention.ms", "604800000"));

        assertLeftOutWhileNibCounts(
                "rchr",
                "reunification.events.rchr has retention.ms=604800000, it must be -1; its events are not counted "
                        + "until it is fixed (kafka-configs.sh --alter --entity-type topics --entity-name "
                        + "reunification.events.rchr --add-config retention.ms=-1)");
    }

    @Test
    void anAgencyTopicWithProducerTimestampsIsLeftOut() throws Exception {
        Map<String, String> configs = new HashMap<>(Topics.EVENTS_CONFIG);
        configs.remove("message.timestamp.type");
        kafka.broker().createTopic(Topics.eventsTopic("rchr"), 6, configs);

        assertLeftOutWhileNibCounts("rchr", "message.timestamp.type=CreateTime, it must be LogAppendTime");
    }

    @Test
    void aCompactedAgencyTopicIsLeftOut() throws Exception {
        kafka.broker().createTopic(Topics.eventsTopic("rchr"), 6, withConfig("cleanup.policy", "compact"));

        assertLeftOutWhileNibCounts("rchr", "cleanup.policy=compact, it must be delete");
    }

    @Test
    void anAgencyTopicMadeByHandWithoutTheDecompressionBoundIsCountedAndNamedByTheAppAndByStatus() throws Exception {
        Map<String, String> configs = new HashMap<>(Topics.EVENTS_CONFIG);
        configs.remove(Topics.MAX_DECOMPRESSED_MESSAGE_BYTES);
        kafka.broker().createTopic(Topics.eventsTopic("rchr"), 6, configs);
        String problem =
                "reunification.events.rchr has max.decompressed.message.bytes=2147483639, it should be at most "
                        + Topics.MAX_SAFE_DECOMPRESSED_BYTES
                        + " (one compressed record that decompresses to more than the "
                        + "streams app's heap can be appended and stop the count";

        try (CapturedLog log = CapturedLog.of("org.reunify.streams");
                StreamsRunner streams = startWithNib()) {
            publish("rchr", "c-2");
            Figures.awaitNational(kafka.broker().clientConfig(), 2, 0);

            assertThat(streams.agencyTopics()).contains(Topics.eventsTopic("rchr"));
            assertThat(log.warnings()).anyMatch(line -> line.contains(problem));
        }
        StringWriter out = new StringWriter();
        CommandLine status = Reunify.commandLine();
        status.setOut(new PrintWriter(out, true));
        status.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(status.execute("status", "--bootstrap", kafka.broker().bootstrapServers()))
                .isEqualTo(1);
        assertThat(out.toString()).contains(problem);
    }

    @Test
    void anAgencyTopicFixedWhileTheAppRunsIsCountedFromItsFirstEvent() throws Exception {
        kafka.broker().createTopic(Topics.eventsTopic("rchr"), 6, withConfig("retention.ms", "604800000"));
        try (StreamsRunner streams = startWithNib()) {
            publish("rchr", "c-2");
            Figures.awaitNational(kafka.broker().clientConfig(), 1, 0);
            assertThat(streams.agencyTopics()).containsExactly(Topics.eventsTopic("nib"));

            try (Admin admin = Admin.create(kafka.broker().clientConfig())) {
                ConfigResource rchr = new ConfigResource(ConfigResource.Type.TOPIC, Topics.eventsTopic("rchr"));
                admin.incrementalAlterConfigs(Map.of(
                                rchr,
                                List.of(new AlterConfigOp(
                                        new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET))))
                        .all()
                        .get();
            }

            Figures.awaitNational(kafka.broker().clientConfig(), 2, 0);
            assertThat(streams.agencyTopics()).contains(Topics.eventsTopic("rchr"));
        }
    }

    @Test
    void aTotalsTopicThatIsNotCompactedIsRefused() {
        kafka.broker().createTopic(Topics.TOTALS.name(), 6, Map.of());

        assertThat(refusedStart()).contains("reunification.totals has cleanup.policy=delete, it must be compact");
    }

    @Test
    void aRejectedTopicTooSmallForTheLargestRefusalIsRefused() {
        kafka.broker()
                .createTopic(
                        Topics.REJECTED.name(),
                        6,
                        Map.of("retention.ms", "-1", "retention.bytes", "-1", "max.message.bytes", "65536"));

        assertThat(refusedStart())
                .contains("reunification.rejected has max.message.bytes=65536, it must be at least 262144");
    }

    @Test
    void stateWrittenByAnEarlierVersionIsRefusedWithHowToCountAgain() {
        kafka.broker().createTopic("reunify-case-histories-changelog", 6, Map.of("cleanup.policy", "compact"));

        assertThat(refusedStart())
                .contains("holds state written by an earlier version of reunify")
                .contains("kafka-streams-application-reset.sh --application-id reunify");
    }

    @Test
    void caseStateKeptApartByTheVersionBeforeTheCompactCaseStateIsRefused() {
        kafka.broker().createTopic("reunify-case-summaries-changelog", 6, Map.of("cleanup.policy", "compact"));

        assertThat(refusedStart())
                .contains("holds state written by an earlier version of reunify (reunify-case-summaries-changelog)");
    }

    @Test
    void regionSumsOfTheVersionBeforeTheDestinationAndDailyTalliesAreRefused() {
        kafka.broker().createTopic("reunify-region-tallies-changelog", 6, Map.of("cleanup.policy", "compact"));

        assertThat(refusedStart())
                .contains("holds state written by an earlier version of reunify (reunify-region-tallies-changelog)");
    }

    @Test
    void agencyTopicsWithDifferentPartitionCountsAreAllCountedAndNamed() throws Exception {
        kafka.broker().createTopic(Topics.eventsTopic("rchr"), 3, Topics.EVENTS_CONFIG);

        try (StreamsRunner streams = startWithNib()) {
            publish("rchr", "c-2");
            Figures.awaitNational(kafka.broker().clientConfig(), 2, 0);
        }
        assertThat(review().findings())
                .anyMatch(finding -> finding.problem().contains("different partition counts {nib=6, rchr=3}")
                        && finding.effect() == TopicGuard.Effect.WARNING);
    }

    @Test
    void anAgencyTopicWithMorePartitionsThanTheCasesAreSpreadOverIsLeftOut() throws Exception {
        kafka.broker().createTopic(Topics.eventsTopic("rchr"), 8, Topics.EVENTS_CONFIG);

        assertLeftOutWhileNibCounts(
                "rchr",
                "reunification.events.rchr has 8 partitions, more than the 6 the cases are spread over; its events are "
                        + "not counted until the app runs with --partitions 8 or more under a new --application-id");
    }

    /**
     * With nib provisioned as reunify does it and {@code agency}'s topic made by hand, an event of each: nib's counts,
     * the other agency's does not, and the app's log and TopicGuard's review name the topic with {@code problem}.
     */
    private void assertLeftOutWhileNibCounts(String agency, String problem) throws Exception {
        try (CapturedLog log = CapturedLog.of("org.reunify.streams");
                StreamsRunner streams = startWithNib()) {
            publish(agency, "c-2");
            Figures.awaitNational(kafka.broker().clientConfig(), 1, 0);

            assertThat(streams.agencyTopics()).containsExactly(Topics.eventsTopic("nib"));
            assertThat(streams.isStopped()).isFalse();
            assertThat(log.lines()).anyMatch(line -> line.startsWith("ERROR") && line.contains(problem));
        }
        assertThat(review().findings())
                .anyMatch(finding -> finding.problem().contains(problem)
                        && finding.topic().equals(Optional.of(Topics.eventsTopic(agency)))
                        && finding.effect() == TopicGuard.Effect.AGENCY_LEFT_OUT);
    }

    /** nib's topic as reunify provisions it, the app started, and an event of nib's published. */
    private StreamsRunner startWithNib() throws Exception {
        kafka.broker().createTopic(Topics.eventsTopic("nib"), 6, Topics.EVENTS_CONFIG);
        StreamsRunner streams = new Pipeline(kafka.broker().clientConfig(), TopologySettings.defaults())
                .startStreams(dir.resolve("state"));
        publish("nib", "c-1");
        return streams;
    }

    private void publish(String agency, String caseId) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                kafka.broker().clientConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.eventsTopic(agency),
                            caseId.getBytes(StandardCharsets.UTF_8),
                            EventCodec.encode(new EventFactory(agency, "guard-test/1")
                                    .deportation("e-" + caseId, caseId, "UA-14", LocalDate.of(2022, 5, 1), "RU"))))
                    .get();
        }
    }

    private TopicGuard.Review review() {
        try (Admin admin = Admin.create(kafka.broker().clientConfig())) {
            return TopicGuard.review(
                    admin, StreamsSettings.DEFAULT_APPLICATION_ID, TopologySettings.DEFAULT_PARTITIONS);
        }
    }

    private static Map<String, String> withConfig(String name, String value) {
        Map<String, String> configs = new HashMap<>(Topics.EVENTS_CONFIG);
        configs.put(name, value);
        return configs;
    }

    private String refusedStart() {
        StringWriter err = new StringWriter();
        CommandLine command = Reunify.commandLine();
        command.setOut(new PrintWriter(new StringWriter(), true));
        command.setErr(new PrintWriter(err, true));

        int exitCode = command.execute(
                "streams",
                "--bootstrap",
                kafka.broker().bootstrapServers(),
                "--state-dir",
                dir.toString(),
                "--replication-factor",
                "1");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("refusing to run");
        return err.toString();
    }
}
