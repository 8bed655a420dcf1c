package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.CountedOnce;
import org.reunify.app.support.EventLines;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.app.support.Reliability;
import org.reunify.app.support.ReunifyProcesses;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topics;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.KafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reunify publish} killed with SIGKILL at random points of an agency's file and run again on the same file
 * until it exits 0, as an operator would after a crash: every rerun sends the file from its first line, so the agency
 * topic ends up holding copies of what the killed runs had sent. Rule 1 ignores a second copy of an event, so the
 * totals equal the replay and the file counted once.
 */
class KilledPublisherIT {

    private static final Logger LOG = LoggerFactory.getLogger(KilledPublisherIT.class);
    private static final String AGENCY = "nib";
    private static final String TOPIC = Topics.eventsTopic(AGENCY);
    /** The soak profile publishes a file of 20,000 lines. */
    private static final int LINES = Integer.getInteger("reunify.fault.lines", 10_000);

    private static final int KILLS = 3;
    /**
     * New cases the file opens with, as an agency's backlog: later reports then spread over many cases, so none gets
     * more than a real case's handful, far from the case limits.
     */
    private static final int BACKLOG = 1_000;

    private static final List<String> REGIONS = List.of("UA-09", "UA-14", "UA-23", "UA-30", "UA-43", "UA-65");

    @TempDir
    Path dir;

    private final Random random = new Random(18);

    @Test
    void aPublisherKilledAtRandomPointsAndRunAgainUntilItSucceedsCountsEveryLineOnce() throws Exception {
        List<String> lines = agencyFile();
        Path file = Files.write(dir.resolve(AGENCY + ".jsonl"), lines);
        try (KafkaBroker broker = KafkaBroker.start();
                ReunifyProcesses reunify = new ReunifyProcesses()) {
            Map<String, Object> client = broker.clientConfig();
            Pipeline pipeline = new Pipeline(client, new TopologySettings(3));
            try (Admin admin = broker.admin()) {
                new AgencyProvisioning(admin).add(AGENCY, OptionalInt.of(3), Optional.of((short) 1));
            }
            StreamsRunner streams = pipeline.startStreams(dir.resolve("streams"));
            try {
                publishWithKills(
                        reunify,
                        client,
                        "publish",
                        "--agency",
                        AGENCY,
                        "--bootstrap",
                        broker.bootstrapServers(),
                        file.toString());

                List<Tally> settled = Figures.awaitSettled(client);

                assertThat(Figures.of(settled))
                        .as("the totals of the file counted once")
                        .isEqualTo(Figures.of(Figures.expected(CountedOnce.of(AGENCY, lines))));
                Reliability.Measured measured = Reliability.measure(client);
                assertThat(measured.lost() + measured.doubleCounted()).isZero();
                assertThat(measured.refused())
                        .as("a copy is ignored, not refused")
                        .isZero();
                ReunifyProcesses.Running verify =
                        reunify.run("replay", "--verify", "--bootstrap", broker.bootstrapServers());
                assertThat(verify.process.exitValue())
                        .as("replay --verify: %s", verify.lines)
                        .isZero();
                Reliability.record(
                        String.format(
                                "`reunify publish` killed (SIGKILL) at random points of a %,d-line file, rerun until "
                                        + "it exits 0",
                                LINES),
                        KILLS,
                        1,
                        measured);
            } finally {
                streams.close();
            }
        }
    }

    /**
     * Kills the publisher {@value #KILLS} times, each time further into the file (a random point in an eighth-wide band
     * of each of the first three quarters of what one run sends), then runs it to its end.
     */
    private void publishWithKills(ReunifyProcesses reunify, Map<String, Object> client, String... publish)
            throws Exception {
        try (KafkaConsumer<byte[], byte[]> topic =
                new KafkaConsumer<>(client, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (int kill = 0; kill < KILLS; kill++) {
                long before = onTopic(topic);
                long target = before + (long) LINES * (2 * kill + 1) / 8 + random.nextInt(LINES / 8);
                ReunifyProcesses.Running running = reunify.start(publish);
                await().atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> {
                            assertThat(running.process.isAlive())
                                    .as("reunify publish still running")
                                    .isTrue();
                            return onTopic(topic) >= target;
                        });
                running.kill();
                long after = onTopic(topic);
                LOG.info(
                        "kill {}: reunify publish killed with {} lines of this run on the topic, {} in all",
                        kill + 1,
                        after - before,
                        after);
            }
            ReunifyProcesses.Running last = reunify.run(publish);
            assertThat(last.process.exitValue())
                    .as("the last run: %s", last.lines)
                    .isZero();
            long resent = onTopic(topic) - LINES;
            LOG.info("the topic holds {} records for {} lines: {} copies re-sent", LINES + resent, LINES, resent);
            assertThat(resent).as("copies re-sent by the reruns").isPositive();
        }
    }

    /**
     * One agency's file: a backlog of new cases, then new cases, returns, later reports moving a case, retractions of a
     * case's reports, and lines sent twice. Event ids grow with the line, so that where two events of a case share an
     * append time the rules' tie-break (the greater eventId) picks the later line, as {@link #publishedOnce} orders
     * them.
     */
    private List<String> agencyFile() {
        List<String> lines = new ArrayList<>();
        List<String> cases = new ArrayList<>();
        Map<String, List<String>> reports = new HashMap<>();
        Set<String> repeated = new HashSet<>();
        while (lines.size() < LINES) {
            String eventId = String.format("e-%05d", lines.size());
            int roll = lines.size() < BACKLOG ? 0 : random.nextInt(100);
            if (roll < 55) {
                String caseId = String.format("c-%05d", cases.size());
                cases.add(caseId);
                lines.add(reported(
                        reports, caseId, eventId, EventLines.deportation(eventId, caseId, region(), destination())));
            } else if (roll < 70) {
                String caseId = anyOf(cases);
                lines.add(reported(reports, caseId, eventId, EventLines.returned(eventId, caseId, region())));
            } else if (roll < 80) {
                String caseId = anyOf(cases);
                lines.add(reported(
                        reports, caseId, eventId, EventLines.deportation(eventId, caseId, region(), destination())));
            } else if (roll < 90) {
                String caseId = anyOf(cases);
                lines.add(EventLines.retraction(eventId, caseId, anyOf(reports.get(caseId)), "entered in error"));
            } else {
                String line = anyOf(lines);
                // Each line at most twice in the file, so that the copies of all runs stay within the case limits.
                if (repeated.add(line)) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** Records a report of the case, which a later line may retract, and returns its line. */
    private static String reported(Map<String, List<String>> reports, String caseId, String eventId, String line) {
        reports.computeIfAbsent(caseId, id -> new ArrayList<>()).add(eventId);
        return line;
    }

    private String region() {
        return anyOf(REGIONS);
    }

    private String destination() {
        return anyOf(List.of("RU", "BY", "KP", "OCCUPIED"));
    }

    private <T> T anyOf(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** The records on the agency topic: its partitions' end offsets, as the publisher writes no transactions. */
    private static long onTopic(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        return consumer.endOffsets(partitions).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }
}
