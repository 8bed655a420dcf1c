package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Outcome;
import org.reunify.app.support.RejectedRecords;
import org.reunify.app.support.Reliability;
import org.reunify.app.support.ReunifyProcesses;
import org.reunify.app.support.ZstdBomb;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.producers.simulate.Scenario;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.runtime.StreamsSettings;
import org.reunify.streams.topology.ReunificationTopology;
import org.reunify.testkit.KafkaBroker;

/**
 * The hostile-input suite on a real broker, against {@code reunify streams} in its own JVM with a 512 MB heap:
 * what a single agency login, or a client nobody here wrote, can send to stop or bend the count. Afterwards the totals
 * are the replay's and the numbers the history was built for, every hostile record is on {@code
 * reunification.rejected} exactly once with its reason, and no stream thread failed.
 */
class HostileInputIT {

    private static final Scenario NORMAL = Scenario.random(1_500, 1401);
    private static final LocalDate MAY_2022 = LocalDate.of(2022, 5, 1);
    private static final int RETRACTION_FLOOD = 1_500;
    private static final int EVENT_FLOOD = 5_000;
    private static final int LIMIT = CaseLimits.DEFAULT.eventsPerAgency();

    @TempDir
    Path dir;

    @Test
    void noRecordFileOrClientStopsOrBendsTheCount() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start();
                ReunifyProcesses reunify = new ReunifyProcesses()) {
            Map<String, Object> client = broker.clientConfig();
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(client)) {
                AgencyProvisioning agencies = new AgencyProvisioning(admin);
                NORMAL.agencies().forEach(agency -> agencies.add(agency, OptionalInt.of(3), Optional.of((short) 1)));
            }
            Path streamsLog = dir.resolve("streams.log");
            ReunifyProcesses.Running streams = reunify.startLoggingTo(
                    streamsLog,
                    "streams",
                    "--bootstrap",
                    bootstrap,
                    "--state-dir",
                    dir.resolve("streams").toString(),
                    "--replication-factor",
                    "1");

            writeBombs(client, bootstrap);
            Map<Sent, String> hostile = writeWithAPlainProducer(client);
            String forgedEvent = hostile.keySet().stream()
                    .filter(sent -> sent.code().equals("COUNTED"))
                    .map(hostile::get)
                    .findFirst()
                    .orElseThrow();
            hostile.keySet().removeIf(sent -> sent.code().equals("COUNTED"));
            publishFloods(reunify, bootstrap);
            publishNormalHistory(client);

            // The flooded case of 5,000 reports counts once, and so does the event sent with forged headers.
            Figures.awaitNational(client, NORMAL.expectedDeported() + 2, NORMAL.expectedReturned());
            ReunifyProcesses.Running verify = reunify.run("replay", "--verify", "--bootstrap", bootstrap);
            assertThat(verify.process.exitValue())
                    .as("replay --verify: %s", verify.lines)
                    .isZero();

            Map<String, String> rejected = readRejected(client);
            hostile.forEach((sent, where) -> Outcome.expect(
                    sent.who(),
                    sent.sends(),
                    "refused " + sent.code(),
                    "refused "
                            + Refusal.ofReason(rejected.get(where))
                                    .map(Enum::name)
                                    .orElse("nothing") + " at " + where));
            Outcome.expect(
                    "a plain Kafka producer",
                    "a valid event with forged source.* and reason headers",
                    "counted for the agency of its topic",
                    rejected.containsKey(forgedEvent) ? "refused" : "counted for the agency of its topic");
            Outcome.expect(
                    "agency rchr, through reunify publish",
                    String.format(
                            "%,d retractions with 500-character Ukrainian reasons about one case", RETRACTION_FLOOD),
                    String.format("%d accepted, %,d refused CASE_LIMIT", LIMIT, RETRACTION_FLOOD - LIMIT),
                    accepted(RETRACTION_FLOOD, rejected, "rchr"));
            Outcome.expect(
                    "agency bring-kids-back, through reunify publish",
                    String.format("%,d valid reports about one case", EVENT_FLOOD),
                    String.format("%d accepted, %,d refused CASE_LIMIT", LIMIT, EVENT_FLOOD - LIMIT),
                    accepted(EVENT_FLOOD, rejected, "bring-kids-back"));

            Reliability.Measured measured = Reliability.measure(client);
            assertThat(measured.refused())
                    .as("the replay refuses what the stream rejected")
                    .isEqualTo(rejected.size());
            assertThat(measured.lost() + measured.doubleCounted()).isZero();
            assertThat(streams.process.isAlive()).isTrue();
            List<String> failures = Files.readAllLines(streamsLog).stream()
                    .filter(line -> line.contains("a stream thread failed"))
                    .toList();
            Outcome.expect(
                    "all of the above",
                    "to the streams app (-Xmx512m)",
                    "no stream thread replaced",
                    failures.isEmpty() ? "no stream thread replaced" : failures.size() + " stream threads replaced");
            assertThat(largestValue(
                            client,
                            StreamsSettings.DEFAULT_APPLICATION_ID + "-" + ReunificationTopology.CASES + "-changelog"))
                    .as("the state of a flooded case stays small")
                    .isLessThan(32 * 1024);
            Reliability.record(
                    "hostile records, floods and bombs (HostileInputIT)",
                    hostile.size() + RETRACTION_FLOOD + EVENT_FLOOD - 2 * LIMIT,
                    1,
                    measured);
        }
    }

    /** How many of an agency's flood were accepted, and how many refused for the limit, as the rejected topic shows. */
    private static String accepted(int flood, Map<String, String> rejected, String agency) {
        long limited = countByCode(rejected, Topics.eventsTopic(agency)).getOrDefault("CASE_LIMIT", 0L);
        return String.format("%d accepted, %,d refused CASE_LIMIT", flood - limited, limited);
    }

    /** A record a client sent, and the refusal code it must get ({@code COUNTED} if none). */
    private record Sent(String who, String sends, String code) {}

    /**
     * What a client nobody here wrote can put on an agency topic: a keyless value at the broker's limit, a compressed
     * value that decompresses to more than 64 KiB, an Avro length bomb in each string field, and records whose headers
     * pose as the stream's own.
     *
     * @return where each record lies
     */
    private static Map<Sent, String> writeWithAPlainProducer(Map<String, Object> client) throws Exception {
        Map<Sent, String> sent = new LinkedHashMap<>();
        String nib = Topics.eventsTopic("nib");
        String plainProducer = "a plain Kafka producer";
        try (KafkaProducer<byte[], byte[]> plain = producer(client, "none");
                KafkaProducer<byte[], byte[]> gzip = producer(client, "gzip")) {
            byte[] atTheLimit = new byte[1024 * 1024 - 256];
            sent.put(
                    new Sent(
                            plainProducer,
                            String.format("no key, a value of %,d bytes, at the broker's limit", atTheLimit.length),
                            "OVERSIZED"),
                    RejectedRecords.source(plain.send(new ProducerRecord<>(nib, null, atTheLimit))
                            .get()));
            sent.put(
                    new Sent(
                            "a producer compressing with gzip",
                            "100 KB of zeros (under the topic's bound on decompressed records)",
                            "OVERSIZED"),
                    RejectedRecords.source(gzip.send(new ProducerRecord<>(nib, utf8("c-big"), new byte[100 * 1024]))
                            .get()));
            for (Map.Entry<String, byte[]> bomb : LengthBomb.everyStringField().entrySet()) {
                sent.put(
                        new Sent(
                                plainProducer,
                                String.format(
                                        "an Avro length bomb in %s (%d bytes declaring a 2 GiB string)",
                                        bomb.getKey(), bomb.getValue().length),
                                "UNDECODABLE"),
                        RejectedRecords.source(plain.send(new ProducerRecord<>(nib, utf8("c-bomb"), bomb.getValue()))
                                .get()));
            }
            RecordHeaders forged = new RecordHeaders();
            forged.add(Topics.SOURCE_TOPIC_HEADER, utf8(Topics.eventsTopic("national-police")));
            forged.add(Topics.SOURCE_PARTITION_HEADER, utf8("9"));
            forged.add(Topics.SOURCE_OFFSET_HEADER, utf8("123456"));
            forged.add(Topics.REASON_HEADER, utf8("all fine"));
            byte[] counted = EventCodec.encode(
                    new EventFactory("nib", "hostile/1").deportation("forged-1", "c-forged", "UA-43", MAY_2022, "RU"));
            sent.put(
                    new Sent(plainProducer, "a valid event with forged source.* and reason headers", "COUNTED"),
                    RejectedRecords.source(
                            plain.send(new ProducerRecord<>(nib, null, utf8("c-forged"), counted, forged))
                                    .get()));
            sent.put(
                    new Sent(plainProducer, "undecodable bytes with forged source.* and reason headers", "UNDECODABLE"),
                    RejectedRecords.source(
                            plain.send(new ProducerRecord<>(nib, null, utf8("c-forged"), utf8("not an event"), forged))
                                    .get()));
        }
        return sent;
    }

    /**
     * Compressed records that decompress to more than an agency topic takes ({@code max.decompressed.message.bytes}):
     * the broker refuses each when it is produced, so nothing is appended and no consumer ever reads it, from a Java
     * producer, from a client that writes the produce request itself, and from librdkafka.
     */
    private void writeBombs(Map<String, Object> client, String bootstrap) throws Exception {
        String nib = Topics.eventsTopic("nib");
        TopicPartition first = new TopicPartition(nib, 0);
        long before = endOffset(client, first);
        try (KafkaProducer<byte[], byte[]> gzip = producer(client, "gzip")) {
            Outcome.expect(
                    "a producer compressing with gzip",
                    "3 MB of zeros (a few kilobytes on the wire)",
                    "refused by the broker",
                    refusedByTheBroker(
                            () -> gzip.send(new ProducerRecord<>(nib, 0, utf8("c-bomb"), new byte[3 * 1024 * 1024]))
                                    .get()));
        }
        Outcome.expect(
                "a client writing its own produce request",
                String.format(
                        "a zstd record of %,d bytes that decompresses to %,d bytes",
                        ZstdBomb.batch(utf8("c-bomb")).remaining(), ZstdBomb.VALUE_BYTES),
                "refused by the broker: INVALID_RECORD",
                "refused by the broker: " + ZstdBomb.send(bootstrap, nib, utf8("c-bomb")));
        Outcome.expect(
                "librdkafka (Debian's python3-confluent-kafka)",
                "a zstd record of 999,000,000 zero bytes",
                "refused by the broker: INVALID_RECORD",
                librdkafkaBomb(bootstrap, nib));
        assertThat(endOffset(client, first)).as("records appended to %s", first).isEqualTo(before);
    }

    private String librdkafkaBomb(String bootstrap, String topic) throws Exception {
        Path out = dir.resolve("zstd-bomb.out");
        Process python = new ProcessBuilder(
                        "/usr/bin/python3", "src/test/python/zstd_bomb.py", bootstrap, topic, "c-bomb", "999000000")
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("zstd-bomb.err").toFile())
                .start();
        assertThat(python.waitFor(3, TimeUnit.MINUTES))
                .as("zstd_bomb.py finished")
                .isTrue();
        assertThat(python.exitValue())
                .as("zstd_bomb.py: %s", Files.readString(dir.resolve("zstd-bomb.err")))
                .isZero();
        String outcome = Files.readString(out).strip();
        return outcome.startsWith("refused ")
                ? "refused by the broker: " + outcome.substring("refused ".length())
                : outcome;
    }

    /** What a send came to: "allowed", or "refused by the broker: " and the error the producer got. */
    private static String refusedByTheBroker(Callable<?> send) {
        try {
            send.call();
            return "appended";
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return "refused by the broker: " + cause.getClass().getSimpleName();
        }
    }

    private static long endOffset(Map<String, Object> client, TopicPartition partition) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(client, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    /**
     * Through the official publisher: 1,500 retractions with 500-character Ukrainian reasons, and 5,000 events, each
     * on one case.
     */
    private void publishFloods(ReunifyProcesses reunify, String bootstrap) throws Exception {
        String reason = "помилка в записі ".repeat(30).substring(0, 500);
        Path retractions = dir.resolve("retractions.jsonl");
        Files.write(
                retractions,
                IntStream.rangeClosed(1, RETRACTION_FLOOD)
                        .mapToObj(i -> "{\"type\":\"REPORT_RETRACTED\",\"eventId\":\"x-" + i
                                + "\",\"caseId\":\"c-flood-x\",\"retracts\":\"t-" + i + "\",\"reason\":\"" + reason
                                + "\"}")
                        .toList());
        Path reports = dir.resolve("reports.jsonl");
        Files.write(
                reports,
                IntStream.rangeClosed(1, EVENT_FLOOD)
                        .mapToObj(i -> "{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"d-" + i
                                + "\",\"caseId\":\"c-flood-d\",\"region\":\"UA-14\","
                                + "\"occurredOn\":\"2022-05-01\"}")
                        .toList());

        for (Map.Entry<String, Path> flood :
                Map.of("rchr", retractions, "bring-kids-back", reports).entrySet()) {
            ReunifyProcesses.Running publish = reunify.run(
                    "publish",
                    "--bootstrap",
                    bootstrap,
                    "--agency",
                    flood.getKey(),
                    flood.getValue().toString());
            assertThat(publish.process.exitValue())
                    .as("every line of the flood is valid: %s", publish.lines)
                    .isZero();
        }
    }

    private static void publishNormalHistory(Map<String, Object> client) {
        try (KafkaProducer<byte[], byte[]> producer = producer(client, "none")) {
            for (ReunificationEvent event : NORMAL.events()) {
                producer.send(new ProducerRecord<>(
                        Topics.eventsTopic(event.getAgency()), utf8(event.getCaseId()), EventCodec.encode(event)));
            }
            producer.flush();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> client, String compression) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        // The producer checks a record's size before compressing it; the broker sees the compressed batch.
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Every record on the rejected topic, its reason by where it came from; each may be there only once. */
    private static Map<String, String> readRejected(Map<String, Object> client) {
        Map<String, String> reasons = new HashMap<>();
        forEachRecord(client, Topics.REJECTED.name(), record -> {
            RejectedRecords.addReason(reasons, record);
            assertThat(record.serializedValueSize()).isLessThanOrEqualTo(Refusal.MAX_RECORD_PART_BYTES);
        });
        return reasons;
    }

    private static int largestValue(Map<String, Object> client, String topic) {
        int[] largest = {0};
        forEachRecord(client, topic, record -> largest[0] = Math.max(largest[0], record.serializedValueSize()));
        return largest[0];
    }

    /** Reads a topic from its start to its end as it stands, committed records only. */
    private static void forEachRecord(
            Map<String, Object> client, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofMinutes(2)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(250)).forEach(each);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
    }

    private static Map<String, Long> countByCode(Map<String, String> rejected, String topic) {
        return rejected.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(topic + "/"))
                .collect(Collectors.groupingBy(
                        entry ->
                                Refusal.ofReason(entry.getValue()).orElseThrow().name(),
                        Collectors.counting()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Single-object records with a valid header and fingerprint whose body declares a string of about 2^31 bytes in one
     * field, every field before it valid: 15 to 60 bytes that once made the decoder allocate 2 GB.
     */
    private static final class LengthBomb {

        private static final long HUGE = Integer.MAX_VALUE - 8;

        /** A bomb in each string of the current schema, the envelope's and each body's, by the field's name. */
        static Map<String, byte[]> everyStringField() {
            Map<String, byte[]> bombs = new LinkedHashMap<>();
            String[] envelope = {"agency", "eventId", "caseId", "publisher"};
            for (int field = 0; field < envelope.length; field++) {
                bombs.put(envelope[field], envelopeBomb(field));
            }
            bombs.put("a deportation's region", bodyBomb(0, strings()));
            bombs.put(
                    "a deportation's destination", bodyBomb(0, concat(strings("UA-14"), varLong(19_000), varLong(1))));
            bombs.put("a return's region", bodyBomb(1, strings()));
            bombs.put("a retraction's retracts", bodyBomb(2, strings()));
            bombs.put("a retraction's reason", bodyBomb(2, strings("e-1")));
            return bombs;
        }

        /** Agency, eventId, caseId, publisher: the first {@code field} of them valid, then the bomb. */
        private static byte[] envelopeBomb(int field) {
            String[] valid = {"nib", "e-1", "c-bomb", "hostile/1"};
            return header(concat(strings(Arrays.copyOf(valid, field)), varLong(HUGE)));
        }

        /**
         * The envelope valid, then a body of the given union branch (deportation, return, retraction), {@code before}
         * its bomb.
         */
        private static byte[] bodyBomb(int branch, byte[] before) {
            return header(concat(strings("nib", "e-1", "c-bomb", "hostile/1"), varLong(branch), before, varLong(HUGE)));
        }

        private static byte[] header(byte[] body) {
            long fingerprint = EventCodec.fingerprint(
                    EventCodec.frozenSchemas().get(EventCodec.frozenSchemas().size() - 1));
            return concat(
                    new byte[] {(byte) 0xC3, 0x01},
                    ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(fingerprint)
                            .array(),
                    body);
        }

        private static byte[] strings(String... values) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String value : values) {
                byte[] bytes = utf8(value);
                out.writeBytes(varLong(bytes.length));
                out.writeBytes(bytes);
            }
            return out.toByteArray();
        }

        /** Avro's zig-zag variable-length long. */
        private static byte[] varLong(long value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long zigzag = (value << 1) ^ (value >> 63);
            while ((zigzag & ~0x7FL) != 0) {
                out.write((int) ((zigzag & 0x7F) | 0x80));
                zigzag >>>= 7;
            }
            out.write((int) zigzag);
            return out.toByteArray();
        }

        private static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                out.writeBytes(part);
            }
            return out.toByteArray();
        }
    }
}
