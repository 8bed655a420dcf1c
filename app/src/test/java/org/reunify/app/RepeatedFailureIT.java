package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.app.support.ReunifyProcesses;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Topics;
import org.reunify.testkit.KafkaBroker;

/**
 * docs/DESIGN.md "Limits": a failure that repeats on the same record never loops silently. When the broker will not
 * take a refusal (an operator shrank {@code max.message.bytes} of {@code reunification.rejected} while the app ran),
 * the stream thread is replaced once, fails again on the same record, and {@code reunify streams} stops with a non-zero
 * exit naming the record's topic, partition and offset.
 */
class RepeatedFailureIT {

    @TempDir
    Path dir;

    @Test
    void aFailureThatRepeatsOnOneRecordStopsTheAppNamingTheRecord() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start();
                ReunifyProcesses reunify = new ReunifyProcesses()) {
            Map<String, Object> client = broker.clientConfig();
            try (Admin admin = Admin.create(client)) {
                new AgencyProvisioning(admin).add("nib", OptionalInt.of(1), Optional.of((short) 1));
            }
            Path log = dir.resolve("streams.log");
            // The replaced thread joins the group anew; a short session lets it take its tasks back in seconds, not 45.
            Path clientConfig = Files.writeString(
                    dir.resolve("client.properties"), "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");
            ReunifyProcesses.Running streams = reunify.startLoggingTo(
                    log,
                    "streams",
                    "--bootstrap",
                    broker.bootstrapServers(),
                    "--command-config",
                    clientConfig.toString(),
                    "--state-dir",
                    dir.resolve("streams").toString(),
                    "--replication-factor",
                    "1");
            EventFactory nib = new EventFactory("nib", "test/1");
            send(
                    client,
                    "c-1",
                    EventCodec.encode(nib.deportation("e-1", "c-1", "UA-14", LocalDate.of(2022, 5, 1), "RU")));
            Figures.awaitNational(client, 1, 0);
            try (Admin admin = Admin.create(client)) {
                admin.incrementalAlterConfigs(Map.of(
                                new ConfigResource(ConfigResource.Type.TOPIC, Topics.REJECTED.name()),
                                List.of(new AlterConfigOp(
                                        new ConfigEntry(Topics.MAX_MESSAGE_BYTES, "1024"), AlterConfigOp.OpType.SET))))
                        .all()
                        .get();
            }

            RecordMetadata poison = send(client, "c-2", new byte[8 * 1024]);
            // Other agencies' events keep coming: the refused write's error resurfaces as the app handles them, and
            // must still be laid at the poison record's door.
            Thread traffic = new Thread(() -> {
                for (int i = 3; streams.process.isAlive(); i++) {
                    send(
                            client,
                            "c-" + i,
                            EventCodec.encode(
                                    nib.deportation("e-" + i, "c-" + i, "UA-14", LocalDate.of(2022, 5, 1), "RU")));
                }
            });
            traffic.start();

            assertThat(streams.process.waitFor(3, TimeUnit.MINUTES))
                    .as("the app stopped")
                    .isTrue();
            traffic.join();
            assertThat(streams.process.exitValue()).isEqualTo(1);
            String logged = Files.readString(log);
            assertThat(logged)
                    .contains("reunify: the streams app stopped: processing failed twice on reunification.events.nib "
                            + "partition "
                            + poison.partition() + " offset " + poison.offset());
            assertThat(logged.split("a stream thread failed", -1))
                    .as("replaced once, then stopped")
                    .hasSize(2);
        }
    }

    private static RecordMetadata send(Map<String, Object> client, String key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(
                            Topics.eventsTopic("nib"), key.getBytes(StandardCharsets.UTF_8), value))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
