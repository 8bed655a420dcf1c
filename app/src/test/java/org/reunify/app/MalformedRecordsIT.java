package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.app.support.RejectedRecords;
import org.reunify.app.support.Reliability;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.producers.simulate.Scenario;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.KafkaBroker;

/**
 * Ten thousand malformed records written straight to the agency topics, interleaved with a valid history: every one
 * lands in {@code reunification.rejected} with its reason and source coordinates, the valid events count exactly,
 * and the streams app never stops.
 */
class MalformedRecordsIT {

    private static final int MALFORMED = 10_000;
    private static final Scenario VALID = Scenario.random(2_000, 41);
    private static final LocalDate MAY_2022 = LocalDate.of(2022, 5, 1);

    @TempDir
    Path dir;

    @Test
    void everyMalformedRecordIsRejectedWithItsReasonAndTheValidOnesCountExactly() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            Map<String, Object> client = broker.clientConfig();
            try (Admin admin = Admin.create(client)) {
                AgencyProvisioning agencies = new AgencyProvisioning(admin);
                VALID.agencies().forEach(agency -> agencies.add(agency, OptionalInt.of(3), Optional.of((short) 1)));
            }
            StreamsRunner streams =
                    new Pipeline(client, TopologySettings.defaults()).startStreams(dir.resolve("streams"));
            try {
                Map<String, String> expectedReasons = publishInterleaved(client, new Random(7));

                List<Tally> settled = Figures.awaitSettled(client);
                assertThat(settled.get(0))
                        .extracting(Tally::deported, Tally::returned)
                        .containsExactly(VALID.expectedDeported(), VALID.expectedReturned());
                Reliability.Measured measured = Reliability.measure(client);
                Map<String, String> rejected = readRejected(client, expectedReasons.keySet(), measured.refused());
                expectedReasons.forEach((coordinates, code) -> assertThat(rejected.get(coordinates))
                        .as("reason of the record at %s", coordinates)
                        .startsWith(code));
                assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(measured.refused()).isEqualTo(rejected.size());
                String agency = VALID.agencies().get(0);
                assertThat(refusedByTheReplay(broker.bootstrapServers(), agency))
                        .as("what an auditor hands the agency: the replay's list of its refused records")
                        .isEqualTo(ofTopic(rejected, Topics.eventsTopic(agency)))
                        .isNotEmpty();
                Reliability.record("malformed records written to agency topics", MALFORMED, 1, measured);
            } finally {
                streams.close();
            }
        }
    }

    /** {@code reunify replay --refused AGENCY --format json}, as reasons by source coordinates. */
    private static Map<String, String> refusedByTheReplay(String bootstrap, String agency) throws Exception {
        StringWriter out = new StringWriter();
        int exitCode = Reunify.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true))
                .execute("replay", "--refused", agency, "--format", "json", "--bootstrap", bootstrap);
        assertThat(exitCode).isZero();
        Map<String, String> reasons = new HashMap<>();
        for (JsonNode refused : new ObjectMapper().readTree(out.toString())) {
            reasons.put(
                    refused.get("topic").asText() + "/"
                            + refused.get("partition").asInt() + "@"
                            + refused.get("offset").asLong(),
                    refused.get("reason").asText());
        }
        return reasons;
    }

    private static Map<String, String> ofTopic(Map<String, String> reasons, String topic) {
        Map<String, String> ofTopic = new HashMap<>(reasons);
        ofTopic.keySet().removeIf(source -> !source.startsWith(topic + "/"));
        return ofTopic;
    }

    /**
     * Sends the valid history and the malformed records in one random interleaving; returns each malformed record's
     * expected reason code by coordinates.
     */
    private static Map<String, String> publishInterleaved(Map<String, Object> client, Random random) throws Exception {
        List<Malformed> malformed = new ArrayList<>();
        for (int i = 0; i < MALFORMED; i++) {
            malformed.add(Malformed.make(
                    i, VALID.agencies().get(random.nextInt(VALID.agencies().size())), random));
        }
        Map<Future<RecordMetadata>, String> pending = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
            int valid = 0;
            int bad = 0;
            while (valid < VALID.events().size() || bad < malformed.size()) {
                boolean sendBad = valid == VALID.events().size() || (bad < malformed.size() && random.nextInt(10) < 8);
                if (sendBad) {
                    Malformed record = malformed.get(bad++);
                    pending.put(
                            producer.send(
                                    new ProducerRecord<>(Topics.eventsTopic(record.agency), record.key, record.value)),
                            record.reason);
                } else {
                    ReunificationEvent event = VALID.events().get(valid++);
                    producer.send(new ProducerRecord<>(
                            Topics.eventsTopic(event.getAgency()), utf8(event.getCaseId()), EventCodec.encode(event)));
                }
            }
            producer.flush();
        }
        Map<String, String> expected = new HashMap<>();
        for (Map.Entry<Future<RecordMetadata>, String> sent : pending.entrySet()) {
            RecordMetadata metadata = sent.getKey().get();
            expected.put(RejectedRecords.source(metadata), sent.getValue());
        }
        return expected;
    }

    /**
     * Every record on the rejected topic, its reason by source coordinates, once those of {@code expected} and
     * {@code all} in all are there: the totals settle before the last malformed records are refused, for those move
     * no tally.
     */
    private static Map<String, String> readRejected(Map<String, Object> client, Set<String> expected, long all) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, String> reasons = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REJECTED.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofMinutes(2)).pollInSameThread().until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    RejectedRecords.addReason(reasons, record);
                }
                return reasons.keySet().containsAll(expected) && reasons.size() >= all;
            });
        }
        return reasons;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One malformed record and the reason code the stream must give it. */
    private record Malformed(String agency, byte[] key, byte[] value, String reason) {

        static Malformed make(int i, String agency, Random random) {
            String caseId = "m-" + i;
            EventFactory own = new EventFactory(agency, "fuzz/1");
            byte[] valid = EventCodec.encode(own.deportation("m-" + i, caseId, "UA-14", MAY_2022, "RU"));
            if (i % 500 == 0) {
                return new Malformed(agency, utf8(caseId), randomBytes(random, 512 * 1024), "OVERSIZED");
            }
            if (i % 500 == 250) {
                return new Malformed(agency, utf8(caseId), lengthBomb(valid), "UNDECODABLE");
            }
            return switch (i % 11) {
                case 0 ->
                    new Malformed(agency, utf8(caseId), randomBytes(random, 1 + random.nextInt(300)), "UNDECODABLE");
                case 1 ->
                    new Malformed(
                            agency,
                            utf8(caseId),
                            Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1)),
                            "UNDECODABLE");
                case 2 -> new Malformed(agency, utf8(caseId), unknownFingerprint(valid, random), "UNKNOWN_SCHEMA");
                case 3 ->
                    new Malformed(
                            agency,
                            utf8(caseId),
                            concat(valid, randomBytes(random, 1 + random.nextInt(20))),
                            "UNDECODABLE");
                case 4 -> ruleBroken(agency, caseId, own.deportation("m-" + i, caseId, "UA-99", MAY_2022, "RU"));
                case 5 ->
                    ruleBroken(
                            agency, caseId, own.deportation("m-" + i, caseId, "UA-14", LocalDate.of(2100, 1, 1), "RU"));
                case 6 -> ruleBroken(agency, caseId, own.returned("m " + i + "!", caseId, "UA-14", MAY_2022));
                case 7 -> ruleBroken(agency, caseId, own.retraction("m-" + i, caseId, "m-0", "line\u0007break"));
                case 8 ->
                    new Malformed(
                            agency,
                            utf8(caseId),
                            EventCodec.encode(new EventFactory(agency.equals("nib") ? "rchr" : "nib", "fuzz/1")
                                    .deportation("m-" + i, caseId, "UA-14", MAY_2022, "RU")),
                            "AGENCY_MISMATCH");
                case 9 -> new Malformed(agency, utf8("another-case"), valid, "KEY_MISMATCH");
                default -> new Malformed(agency, null, valid, "KEY_MISMATCH");
            };
        }

        private static Malformed ruleBroken(String agency, String caseId, ReunificationEvent event) {
            return new Malformed(agency, utf8(caseId), EventCodec.encode(event), "INVALID_EVENT");
        }

        /**
         * Random bytes that cannot start Avro's single-object marker, so they are garbage and not an unknown schema.
         */
        private static byte[] randomBytes(Random random, int size) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            bytes[0] = 0x00;
            return bytes;
        }

        /** A length bomb of 15 bytes: a valid header, then an agency declared 2^31 - 9 bytes long (zig-zag varint). */
        private static byte[] lengthBomb(byte[] valid) {
            return concat(
                    Arrays.copyOf(valid, 10), new byte[] {(byte) 0xEE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F});
        }

        private static byte[] unknownFingerprint(byte[] valid, Random random) {
            byte[] forged = valid.clone();
            ByteBuffer.wrap(forged, 2, 8).putLong(random.nextLong());
            return forged;
        }

        private static byte[] concat(byte[] first, byte[] second) {
            byte[] both = Arrays.copyOf(first, first.length + second.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            return both;
        }
    }
}
