package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Reliability;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.producers.AgencyPublisher;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.Topics;
import org.reunify.testkit.KafkaBroker;

/**
 * Fuzzed JSON Lines through the publisher to a real broker: every bad line refused as {@code FILE:LINE: reason},
 * no crash, not one refused line published, every valid line of the same file published once.
 */
class PublisherFuzzIT {

    private static final int LINES = 5_000;
    private static final Pattern REFUSAL = Pattern.compile("^(.+):(\\d+): (.+)$");

    @TempDir
    Path dir;

    @Test
    void everyFuzzedLineIsRefusedWithItsLineNumberAndOnlyTheValidLinesArePublished() throws Exception {
        Random random = new Random(2026);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Set<Integer> badLines = new TreeSet<>();
        Set<String> validIds = new HashSet<>();
        for (int line = 1; line <= LINES; line++) {
            String eventId = "e-" + line;
            if (random.nextInt(3) == 0) {
                validIds.add(eventId);
                file.write(valid(eventId).getBytes(StandardCharsets.UTF_8));
            } else {
                badLines.add(line);
                file.write(Fuzz.values()[random.nextInt(Fuzz.values().length)].line(valid(eventId), random));
            }
            file.write('\n');
        }
        Path events = Files.write(dir.resolve("fuzzed.jsonl"), file.toByteArray());

        try (KafkaBroker broker = KafkaBroker.start()) {
            try (Admin admin = broker.admin()) {
                new AgencyProvisioning(admin).add("nib", OptionalInt.of(3), Optional.of((short) 1));
            }
            StringWriter refusals = new StringWriter();
            AgencyPublisher.Summary summary = new AgencyPublisher("nib", broker.clientConfig())
                    .publish(List.of(events.toString()), Optional.empty(), false, new PrintWriter(refusals, true));

            assertThat(refusedLines(refusals.toString(), events)).isEqualTo(badLines);
            assertThat(summary.refused()).isEqualTo(badLines.size());
            assertThat(summary.published()).isEqualTo(validIds.size());
            Set<String> published = publishedIds(broker.clientConfig(), validIds.size());
            Set<String> lost = new HashSet<>(validIds);
            lost.removeAll(published);
            Set<String> leaked = new HashSet<>(published);
            leaked.removeAll(validIds);
            Reliability.record(
                    "fuzzed JSON lines to the publisher",
                    badLines.size(),
                    1,
                    LINES,
                    lost.size(),
                    leaked.size(),
                    summary.refused());
            assertThat(lost).as("valid lines not published").isEmpty();
            assertThat(leaked).as("refused lines published").isEmpty();
        }
    }

    private static Set<Integer> refusedLines(String refusals, Path file) {
        Set<Integer> lines = new TreeSet<>();
        for (String refusal : refusals.split("\n")) {
            Matcher matcher = REFUSAL.matcher(refusal);
            assertThat(matcher.matches())
                    .as("a refusal reads FILE:LINE: reason, not: %s", refusal)
                    .isTrue();
            assertThat(matcher.group(1)).isEqualTo(file.toString());
            assertThat(lines.add(Integer.parseInt(matcher.group(2))))
                    .as("line refused twice: %s", refusal)
                    .isTrue();
        }
        return lines;
    }

    /** The eventIds on the agency topic, each exactly once. */
    private static Set<String> publishedIds(Map<String, Object> client, int expected) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.eventsTopic("nib")).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofMinutes(1)).pollInSameThread().until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    String id = EventCodec.decode(record.value()).getEventId();
                    assertThat(ids.add(id)).as("published twice: %s", id).isTrue();
                }
                return ids.size() >= expected
                        && consumer.poll(Duration.ofMillis(500)).isEmpty();
            });
        }
        return ids;
    }

    private static String valid(String eventId) {
        return "{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"" + eventId + "\",\"caseId\":\"c-" + eventId
                + "\",\"region\":\"UA-14\",\"occurredOn\":\"2022-05-01\",\"destination\":\"RU\"}";
    }

    /** Ways a line goes wrong, each applied to an otherwise valid line. */
    private enum Fuzz {
        TRUNCATED {
            byte[] line(String valid, Random random) {
                return utf8(valid.substring(0, 1 + random.nextInt(valid.length() - 2)));
            }
        },
        WRONG_TYPE {
            byte[] line(String valid, Random random) {
                return utf8(valid.replace("\"occurredOn\":\"2022-05-01\"", "\"occurredOn\":20220501"));
            }
        },
        UNKNOWN_FIELD {
            byte[] line(String valid, Random random) {
                return utf8(valid.replace("}", ",\"childName\":\"x\"}"));
            }
        },
        DUPLICATE_FIELD {
            byte[] line(String valid, Random random) {
                return utf8(valid.replace("}", ",\"region\":\"UA-09\"}"));
            }
        },
        HUGE {
            byte[] line(String valid, Random random) {
                return utf8(valid.replace("\"RU\"", "\"" + "R".repeat(70_000) + "\""));
            }
        },
        INVALID_UTF8 {
            byte[] line(String valid, Random random) {
                byte[] bytes = utf8(valid.replace("UA-14", "UA-1?"));
                bytes[valid.indexOf("UA-14") + 4] = (byte) (0x80 + random.nextInt(0x40));
                return bytes;
            }
        },
        CONTROL_CHARACTER {
            byte[] line(String valid, Random random) {
                return utf8(valid.replace("\"e-", "\"e-\u0001"));
            }
        },
        RANDOM_BYTES {
            byte[] line(String valid, Random random) {
                byte[] bytes = new byte[1 + random.nextInt(200)];
                random.nextBytes(bytes);
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] == '\n' || bytes[i] == '\r') {
                        bytes[i] = '#';
                    }
                }
                bytes[0] = '#';
                return bytes;
            }
        },
        DEEPLY_NESTED {
            byte[] line(String valid, Random random) {
                int depth = 1 + random.nextInt(30_000);
                return utf8(valid.replace("\"RU\"", "[".repeat(depth) + "]".repeat(depth)));
            }
        },
        HUGE_NUMBER {
            byte[] line(String valid, Random random) {
                return utf8(valid.replace("\"2022-05-01\"", "9".repeat(1 + random.nextInt(60_000))));
            }
        },
        NOT_AN_OBJECT {
            byte[] line(String valid, Random random) {
                return utf8("[" + valid + "]");
            }
        };

        abstract byte[] line(String valid, Random random);

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
