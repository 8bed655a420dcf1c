package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.audit.Replay;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.topology.CasePartition;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.KafkaBroker;

/**
 * docs/DESIGN.md: every published figure depends only on the history, whatever order the stream reads it in. A backlog
 * across Kyiv midnights, as an agency moved to this cluster with its history brings: each record keeps the time it
 * was first appended (its topic takes the producer's timestamps while the history is moved in, then is switched to
 * the broker's append time, as TopicGuard requires), days apart, the records of one case in two agencies and on
 * both sides of midnight, a third of them on another partition than their case's (so they reach their case through
 * the repartition, after later ones). A streams app that starts from nothing (a new application id, as after a reset)
 * counts it all at once: the daily tallies, totals, destinations and timeline must be the replay's, and {@code reunify
 * replay --verify} must pass.
 */
class BacklogAcrossMidnightIT {

    private static final int PARTITIONS = 3;
    private static final int CASES = 400;
    /** 23:00 in Kyiv on 2 March 2026 (UTC+2): the moved history's first midnight comes an hour in. */
    private static final Instant FIRST_NIGHT = Instant.parse("2026-03-02T21:00:00Z");

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final List<String> AGENCIES = List.of("bkb", "nib");
    private static final List<String> REGIONS = List.of("UA-09", "UA-14", "UA-23", "UA-65");
    private static final List<String> DESTINATIONS = Arrays.asList("RU", "BY", "OCCUPIED", null);
    private static final LocalDate INVASION = LocalDate.of(2022, 2, 24);

    @TempDir
    Path dir;

    @Test
    void aBacklogAcrossMidnightsCountedFromNothingGivesTheReplaysDaysTotalsDestinationsAndTimeline() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            Map<String, Object> client = broker.clientConfig();
            Pipeline pipeline = new Pipeline(client, new TopologySettings(PARTITIONS));
            moveAgenciesIn(broker, new MovedHistory(new Random(29)).records());

            try (StreamsRunner streams = pipeline.startStreams(dir.resolve("streams"), "reunify-after-reset")) {
                assertThat(Figures.verify(client, Optional.empty(), Duration.ofMinutes(3)))
                        .as("every published figure equals the replay's")
                        .isEmpty();
                String bootstrap = broker.bootstrapServers();
                assertThat(Commands.run(bootstrap, "replay", "--verify", "--wait", "10s"))
                        .startsWith("verified: every tally of reunification.totals, reunification.totals.daily, "
                                + "reunification.destinations, reunification.timeline");
                assertThat(Commands.run(bootstrap, "totals", "--daily", "--format", "json"))
                        .isEqualTo(Commands.run(bootstrap, "replay", "--daily", "--format", "json"));
                assertThat(Commands.run(bootstrap, "totals", "--monthly", "--format", "json"))
                        .isEqualTo(Commands.run(bootstrap, "replay", "--monthly", "--format", "json"));
            }
            Replay replay = Figures.replayOf(client, Optional.empty());
            assertThat(replay.dailyTallies().stream().map(Tally::day).distinct())
                    .as("the history's days")
                    .hasSizeGreaterThanOrEqualTo(7);
            assertThat(replay.timeline().stream().map(TimelineEntry::month).distinct())
                    .as("the months its children were taken and returned in")
                    .hasSizeGreaterThan(24);
        }
    }

    /**
     * Creates each agency's topic taking the producers' timestamps, writes its history in the order it was first
     * appended, and switches the topic to the broker's append time: from then on it is an agency topic like any other.
     */
    private static void moveAgenciesIn(KafkaBroker broker, List<Moved> history) throws Exception {
        Map<String, String> moving = new HashMap<>(Topics.EVENTS_CONFIG);
        moving.put("message.timestamp.type", "CreateTime");
        AGENCIES.forEach(agency -> broker.createTopic(Topics.eventsTopic(agency), PARTITIONS, moving));
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (Moved record : history) {
                ReunificationEvent event = record.event();
                producer.send(new ProducerRecord<>(
                        Topics.eventsTopic(event.getAgency()),
                        record.partition(),
                        record.appendedAt(),
                        event.getCaseId(),
                        EventCodec.encode(event)));
            }
            producer.flush();
        }
        try (Admin admin = broker.admin()) {
            Map<ConfigResource, Collection<AlterConfigOp>> appendTime = new HashMap<>();
            AGENCIES.forEach(agency -> appendTime.put(
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.eventsTopic(agency)),
                    Set.of(new AlterConfigOp(
                            new ConfigEntry("message.timestamp.type", "LogAppendTime"), AlterConfigOp.OpType.SET))));
            admin.incrementalAlterConfigs(appendTime).all().get();
        }
    }

    /** A record of the moved history: where it goes and when it was first appended. */
    private record Moved(ReunificationEvent event, int partition, long appendedAt) {}

    /**
     * Cases reported by both agencies over a week, around midnight: a deportation, often a second agency's report in
     * another region a day or more later (which moves the case), sometimes a retraction of the first, sometimes a
     * return.
     */
    private static final class MovedHistory {

        private final Random random;
        private final Map<String, EventFactory> agencies = new HashMap<>();
        private int nextId;

        MovedHistory(Random random) {
            this.random = random;
            AGENCIES.forEach(agency -> agencies.put(agency, new EventFactory(agency, "moved-history/1")));
        }

        /** Every agency's records in the order they were first appended. */
        List<Moved> records() {
            List<Moved> records = new ArrayList<>();
            for (int c = 0; c < CASES; c++) {
                String caseId = "m-" + c;
                String first = pick(AGENCIES);
                String other = AGENCIES.get(1 - AGENCIES.indexOf(first));
                long at = aroundMidnight(random.nextInt(6));
                LocalDate taken = INVASION.plusDays(random.nextInt(900));
                String reported = id();
                records.add(moved(
                        agencies.get(first).deportation(reported, caseId, pick(REGIONS), taken, pick(DESTINATIONS)),
                        at));
                if (random.nextInt(3) > 0) {
                    at = later(at);
                    records.add(moved(
                            agencies.get(other)
                                    .deportation(id(), caseId, pick(REGIONS), taken.plusDays(random.nextInt(60)), null),
                            at));
                }
                if (random.nextInt(5) == 0) {
                    at = later(at);
                    records.add(moved(agencies.get(first).retraction(id(), caseId, reported, "entered twice"), at));
                }
                if (random.nextInt(3) == 0) {
                    records.add(moved(
                            agencies.get(pick(AGENCIES))
                                    .returned(id(), caseId, pick(REGIONS), taken.plusDays(30 + random.nextInt(500))),
                            later(at)));
                }
            }
            records.sort(Comparator.comparingLong(Moved::appendedAt));
            return records;
        }

        /** Within an hour and a half either side of a Kyiv midnight, {@code nights} nights after the first. */
        private long aroundMidnight(int nights) {
            return FIRST_NIGHT.toEpochMilli() + nights * DAY + (long) (random.nextDouble() * 3 * HOUR);
        }

        /** Minutes to a couple of days later, often across a midnight. */
        private long later(long at) {
            return at + (random.nextBoolean() ? random.nextInt(120) * 60_000L : (1 + random.nextInt(2)) * DAY);
        }

        /** On its case's partition mostly; a third of the time on another, as a foreign partitioner puts it. */
        private Moved moved(ReunificationEvent event, long appendedAt) {
            int own = CasePartition.of(event.getCaseId().getBytes(StandardCharsets.UTF_8), PARTITIONS);
            int partition = random.nextInt(3) == 0 ? (own + 1 + random.nextInt(PARTITIONS - 1)) % PARTITIONS : own;
            return new Moved(event, partition, appendedAt);
        }

        private String id() {
            return "e-" + nextId++;
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }
    }
}
