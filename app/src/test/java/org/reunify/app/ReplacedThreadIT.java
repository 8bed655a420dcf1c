package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.app.support.Reliability;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.KafkaBrokerExtension;

/**
 * A stream thread that fails while the group rebalances is met with a new thread, and that thread must be able to open
 * the state the failed one held and count on: one passing failure must not become a stop. The failure is real: the
 * broker refuses the write of a refusal while an operator has shrunk {@code reunification.rejected}, at the moment a
 * second instance joins the group.
 */
class ReplacedThreadIT {

    private static final LocalDate DAY = LocalDate.of(2022, 5, 1);
    private static final int AFTER = 300;

    @TempDir
    Path dir;

    @RegisterExtension
    final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void aThreadThatFailsWhileASecondInstanceJoinsIsReplacedAndTheCountGoesOn() throws Exception {
        Map<String, Object> client = kafka.broker().clientConfig();
        try (Admin admin = Admin.create(client)) {
            new AgencyProvisioning(admin).add("nib", OptionalInt.of(4), Optional.of((short) 1));
        }
        Pipeline pipeline = new Pipeline(client, new TopologySettings(4));
        EventFactory nib = new EventFactory("nib", "replaced-thread-test/1");
        StreamsRunner first = pipeline.startStreams(dir.resolve("first"));
        StreamsRunner second = null;
        try {
            send(client, List.of(nib.deportation("e-0", "c-0", "UA-14", DAY, "RU")));
            Figures.awaitNational(client, 1, 0);
            setRejectedMaxMessageBytes(client, 1024);

            second = pipeline.launchStreams(dir.resolve("second"));
            sendRaw(client, "c-poison", new byte[8 * 1024]);
            StreamsRunner joining = second;
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> first.recentThreadFailures() + joining.recentThreadFailures() == 1);
            setRejectedMaxMessageBytes(client, Topics.REJECTED_MAX_MESSAGE_BYTES);

            send(
                    client,
                    IntStream.rangeClosed(1, AFTER)
                            .mapToObj(c -> nib.deportation("e-" + c, "c-" + c, "UA-14", DAY, "RU"))
                            .toList());
            Figures.awaitNational(client, 1 + AFTER, 0);

            assertThat(first.recentThreadFailures() + second.recentThreadFailures())
                    .as("stream threads replaced")
                    .isEqualTo(1);
            assertThat(first.isStopped()).isFalse();
            assertThat(second.isStopped()).isFalse();
            Reliability.Measured measured = Reliability.measure(client);
            assertThat(measured.refused()).as("the poison record, refused once").isEqualTo(1);
            assertThat(measured.lost() + measured.doubleCounted()).isZero();
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    private static void setRejectedMaxMessageBytes(Map<String, Object> client, int bytes) throws Exception {
        ConfigResource rejected = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REJECTED.name());
        try (Admin admin = Admin.create(client)) {
            admin.incrementalAlterConfigs(Map.of(
                            rejected,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry(Topics.MAX_MESSAGE_BYTES, Integer.toString(bytes)),
                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.describeConfigs(List.of(rejected))
                            .all()
                            .get()
                            .get(rejected)
                            .get(Topics.MAX_MESSAGE_BYTES)
                            .value()
                            .equals(Integer.toString(bytes)));
        }
    }

    private static void send(Map<String, Object> client, List<ReunificationEvent> events) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ReunificationEvent event : events) {
                producer.send(record(event.getCaseId(), EventCodec.encode(event)));
            }
            producer.flush();
        }
    }

    private static void sendRaw(Map<String, Object> client, String caseId, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(record(caseId, value)).get();
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String caseId, byte[] value) {
        return new ProducerRecord<>(Topics.eventsTopic("nib"), caseId.getBytes(StandardCharsets.UTF_8), value);
    }
}
