package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
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
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Appended;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.app.support.Reliability;
import org.reunify.bench.Crc32Partitioner;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.Counts;
import org.reunify.streams.rules.HistoryOracle;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.KafkaBroker;
import picocli.CommandLine;

/**
 * One agency's records about a case in several partitions of its topic (docs/DESIGN.md "Counting rules"): partitions
 * are added to the agency topics mid-history, so the default partitioner puts a case's later records elsewhere, and a
 * third agency publishes with librdkafka's partitioner (CRC32 of the key). Re-deliveries, conflicting versions and
 * retractions (of reports and of retractions) of the first half arrive in the second. The stream counts what the rules
 * make of the history, and {@code reunify replay --verify} passes.
 */
class SplitCasesIT {

    private static final List<String> AGENCIES = List.of("nib", "national-police", "rchr");
    private static final List<String> REGIONS = List.of("UA-09", "UA-14", "UA-43", "UA-65");
    private static final LocalDate DAY = LocalDate.of(2023, 3, 1);
    private static final int CASES = 300;

    @TempDir
    Path dir;

    @Test
    void casesSplitAcrossPartitionsCountAsTheRulesSayAndTheReplayVerifies() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            Map<String, Object> client = broker.clientConfig();
            try (Admin admin = Admin.create(client)) {
                AgencyProvisioning agencies = new AgencyProvisioning(admin);
                AGENCIES.forEach(agency -> agencies.add(agency, OptionalInt.of(2), Optional.of((short) 1)));
            }
            StreamsRunner streams = new Pipeline(client, new TopologySettings(4)).startStreams(dir.resolve("streams"));
            try {
                Random random = new Random(14);
                List<CaseRecord> history = new ArrayList<>();
                List<ReunificationEvent> firstHalf = firstHalf(random);
                history.addAll(publish(client, firstHalf));
                try (Admin admin = Admin.create(client)) {
                    Map<String, NewPartitions> more = new HashMap<>();
                    AGENCIES.forEach(agency -> more.put(Topics.eventsTopic(agency), NewPartitions.increaseTo(4)));
                    admin.createPartitions(more).all().get();
                }
                history.addAll(publish(client, secondHalf(random, firstHalf)));

                Map<String, Counts> expected = new HistoryOracle(history, CaseLimits.DEFAULT).tallies();
                List<Tally> settled = Figures.awaitSettled(client);
                assertThat(settled).isEqualTo(Figures.expected(expected));
                long split = splitCases(history);
                assertThat(split)
                        .as("cases whose agency's records lie in several partitions")
                        .isGreaterThan(CASES / 2);
                assertThat(replayVerify(broker.bootstrapServers())).isZero();
                Reliability.Measured measured = Reliability.measure(client);
                assertThat(measured.lost() + measured.doubleCounted()).isZero();
                Reliability.record(
                        "an agency's records about a case in several partitions (partitions added, librdkafka's "
                                + "partitioner)",
                        split,
                        1,
                        measured);
            } finally {
                streams.close();
            }
        }
    }

    /** Reports of every case by one or two agencies, now and then a retraction. */
    private static List<ReunificationEvent> firstHalf(Random random) {
        List<ReunificationEvent> events = new ArrayList<>();
        for (int c = 0; c < CASES; c++) {
            for (String agency : AGENCIES.subList(0, 1 + random.nextInt(2))) {
                EventFactory reporter = new EventFactory(agency, "split-test/1");
                events.add(reporter.deportation(agency + "-" + c + "-a", "c-" + c, pick(random, REGIONS), DAY, "RU"));
            }
        }
        return events;
    }

    /**
     * For each first-half event: a later report, a copy, a different version, a retraction, or a retraction of that.
     */
    private static List<ReunificationEvent> secondHalf(Random random, List<ReunificationEvent> firstHalf) {
        List<ReunificationEvent> events = new ArrayList<>();
        for (ReunificationEvent earlier : firstHalf) {
            EventFactory agency = new EventFactory(earlier.getAgency(), "split-test/2");
            String caseId = earlier.getCaseId();
            String base = earlier.getAgency() + "-" + caseId.substring(2);
            switch (random.nextInt(6)) {
                case 0 ->
                    events.add(agency.deportation(base + "-b", caseId, pick(random, REGIONS), DAY.plusDays(1), null));
                case 1 -> events.add(earlier);
                case 2 ->
                    events.add(agency.deportation(
                            earlier.getEventId(), caseId, pick(random, REGIONS), DAY.plusDays(2), "BY"));
                case 3 -> events.add(agency.retraction(base + "-x", caseId, earlier.getEventId(), "entered twice"));
                case 4 -> {
                    events.add(agency.retraction(base + "-y", caseId, base + "-x", "undo"));
                    events.add(agency.retraction(base + "-x", caseId, earlier.getEventId(), "entered twice"));
                }
                default -> events.add(agency.returned(base + "-r", caseId, pick(random, REGIONS), DAY.plusDays(30)));
            }
        }
        return events;
    }

    /**
     * Publishes the events, keyed by case: nib and national-police with Kafka's default partitioner, rchr with
     * librdkafka's; returns them as the rules see them, where the broker appended them.
     */
    private static List<CaseRecord> publish(Map<String, Object> client, List<ReunificationEvent> events)
            throws Exception {
        Map<String, Object> librdkafka = new HashMap<>(client);
        librdkafka.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, Crc32Partitioner.class);
        try (KafkaProducer<byte[], byte[]> java = Appended.producer(client);
                KafkaProducer<byte[], byte[]> other = Appended.producer(librdkafka)) {
            return Appended.publish(events, event -> event.getAgency().equals("rchr") ? other : java);
        }
    }

    /** How many (agency, case) pairs have records in more than one partition. */
    private static long splitCases(List<CaseRecord> history) {
        Map<String, Set<Integer>> partitions = new HashMap<>();
        history.forEach(record -> partitions
                .computeIfAbsent(record.agency() + "|" + record.caseId(), key -> new HashSet<>())
                .add(record.position().partition()));
        return partitions.values().stream().filter(used -> used.size() > 1).count();
    }

    private static int replayVerify(String bootstrap) {
        CommandLine command = Reunify.commandLine();
        StringWriter out = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(new StringWriter(), true));
        int exitCode = command.execute("replay", "--verify", "--bootstrap", bootstrap);
        assertThat(out.toString()).contains("verified");
        return exitCode;
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
