package org.reunify.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.DeportationReported;
import org.reunify.schemas.avro.ReportRetracted;
import org.reunify.schemas.avro.ReturnConfirmed;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.PipelineStreams;
import org.reunify.streams.ReunificationTopology;
import org.reunify.streams.StreamsSettings;
import org.reunify.streams.TopologySettings;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.Counts;
import org.reunify.streams.rules.EventKind;
import org.reunify.streams.rules.HistoryOracle;
import org.reunify.streams.rules.Position;
import org.reunify.streams.rules.Screening;

/**
 * DESIGN.md: "the tallies, and the set of records on reunification.rejected, depend only on the history (the events,
 * their append times and positions), not on the order in which anything reads it". Checked on many random histories:
 * each is fed to the real topology (TopologyTestDriver) in one order of reading and to the auditors' {@link Replay} in
 * {@value #REPLAY_ORDERS} others, any order at all (one agency's records about a case may lie in several partitions,
 * read in any interleaving), and both are held to the rules written plainly over the whole history
 * ({@link HistoryOracle}). Half the trials shrink the case limits so that agencies go past them.
 *
 * <p>Every trial is reproducible from its seed; to rerun one trial alone, pass {@code -Dreunify.property.seed=SEED}.
 */
class TopologyEqualsReplayTest {

    private static final long BASE_SEED = 0x5EED_2025_1201L;
    private static final int TRIALS = 200;
    private static final int REPLAY_ORDERS = 10;
    private static final String ONE_SEED = "reunify.property.seed";

    @TempDir
    static Path stateDirs;

    private static final List<Trial> trials = new ArrayList<>();

    @BeforeAll
    static void runEveryTrial() {
        String one = System.getProperty(ONE_SEED);
        if (one != null && !one.isBlank()) {
            trials.add(Trial.run(0, Long.decode(one.trim()), stateDirs.resolve("trial-0")));
            return;
        }
        for (int trial = 0; trial < TRIALS; trial++) {
            trials.add(Trial.run(trial, BASE_SEED + trial, stateDirs.resolve("trial-" + trial)));
        }
    }

    @Test
    void theTopologyAndTheReplayGiveTheTalliesOfTheRulesForAnyOrderOfReading() {
        assertThat(trials).isNotEmpty();
        for (Trial trial : trials) {
            assertThat(trial.stream().tallies()).as(trial::explain).isEqualTo(trial.expectedTallies());
            trial.replays().forEach(replay -> assertThat(replay.tallies()).as(trial::explain).isEqualTo(trial.expectedTallies()));
        }
    }

    @Test
    void theTopologyAndTheReplayRefuseTheSameRecordsForReasonsTheRulesGive() {
        assertThat(trials).isNotEmpty();
        for (Trial trial : trials) {
            assertRefusals(trial, trial.stream().rejected());
            trial.replays().forEach(replay -> assertRefusals(trial, replay.refused()));
        }
    }

    private static void assertRefusals(Trial trial, Map<Located, Refusal> refused) {
        assertThat(refused.keySet()).as(trial::explain).isEqualTo(trial.expectedRefusals().keySet());
        refused.forEach((record, code) -> assertThat(trial.expectedRefusals().get(record)).as("%s: %s", record, trial.explain()).contains(code));
    }

    /**
     * The property is only as strong as its histories: each one under the real limits must hold every situation the rules
     * single out (under shrunken limits, many of them are refused instead), and agencies must go past shrunken limits.
     */
    @Test
    void everyRandomHistoryHoldsEverySituationTheCountingRulesSingleOut() {
        for (Trial trial : trials.stream().filter(trial -> trial.limits().equals(CaseLimits.DEFAULT)).toList()) {
            assertThat(Situation.values()).as(trial::explain).allSatisfy(situation ->
                    assertThat(situation.holdsIn(trial)).as(situation.name()).isTrue());
            Set<Refusal> reasons = EnumSet.noneOf(Refusal.class);
            trial.expectedRefusals().values().forEach(reasons::addAll);
            assertThat(reasons).as(trial::explain).contains(Refusal.CONFLICTING_DUPLICATE, Refusal.RETRACTS_RETRACTION,
                    Refusal.KEY_MISMATCH, Refusal.UNDECODABLE, Refusal.OVERSIZED);
        }
        assertThat(trials).as("agencies go past the limits").anySatisfy(trial -> assertThat(trial.expectedRefusals().values())
                .anySatisfy(reasons -> assertThat(reasons).contains(Refusal.CASE_LIMIT)));
        assertThat(trials.stream().filter(Trial::streamMustRefuseLate).count())
                .as("histories in which the topology can only refuse a record once an earlier-lying one is read").isGreaterThan(TRIALS / 4);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** What each random history must show. */
    private enum Situation {
        CASE_SHARED_ACROSS_AGENCIES(trial -> trial.events().stream().anyMatch(one -> trial.events().stream()
                .anyMatch(other -> other.caseId().equals(one.caseId()) && !other.agency().equals(one.agency())))),
        RETRACTION_BEFORE_ITS_TARGET(trial -> retractionAndTarget(trial, (retraction, target) -> retraction.isBefore(target))),
        RETRACTION_AFTER_ITS_TARGET(trial -> retractionAndTarget(trial, (retraction, target) -> target.isBefore(retraction))),
        LIVE_REPORTS_IN_SEVERAL_REGIONS(trial -> trial.events().stream().filter(e -> e.event().kind().isReport())
                .anyMatch(one -> trial.events().stream().anyMatch(other -> other.caseId().equals(one.caseId())
                        && other.event().kind().isReport() && !other.event().region().equals(one.event().region())))),
        REPORTS_OF_TWO_AGENCIES_IN_ONE_INSTANT(trial -> trial.events().stream().filter(e -> e.event().kind().isReport())
                .anyMatch(one -> trial.events().stream().anyMatch(other -> other.caseId().equals(one.caseId())
                        && other.event().kind().isReport() && !other.agency().equals(one.agency())
                        && other.position().reportedAt() == one.position().reportedAt()))),
        EXACT_REDELIVERY_IGNORED(trial -> trial.caseRecords().size() - trial.events().size()
                > trial.expectedRefusals().keySet().stream().filter(trial::isCaseRecord).count()),
        A_RECORD_READ_BEFORE_AN_EARLIER_ONE_OF_ITS_AGENCY_AND_CASE(Trial::readsOutOfHistoryOrder);

        private final Predicate<Trial> shownBy;

        Situation(Predicate<Trial> shownBy) {
            this.shownBy = shownBy;
        }

        boolean holdsIn(Trial trial) {
            return shownBy.test(trial);
        }

        private interface Positions {
            boolean test(Position retraction, Position target);
        }

        private static boolean retractionAndTarget(Trial trial, Positions positions) {
            return trial.events().stream().filter(e -> e.event().kind() == EventKind.REPORT_RETRACTED).anyMatch(retraction ->
                    trial.events().stream().anyMatch(target -> target.event().kind().isReport()
                            && target.event().ref().equals(retraction.event().target()) && target.caseId().equals(retraction.caseId())
                            && positions.test(retraction.position(), target.position())));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Where a record lies: the same for the stream, the replay and the rules. */
    private record Located(String topic, long offset) {
    }

    /** One random history, counted every way. */
    private record Trial(int number, long seed, CaseLimits limits, History history, List<Appended> streamOrder,
                         Map<Appended, Long> offsets, Output stream, List<Output> replays, HistoryOracle oracle,
                         Map<Located, Set<Refusal>> expectedRefusals, List<Tally> expectedTallies) {

        static Trial run(int number, long seed, Path stateDir) {
            Random random = new Random(seed);
            History history = new HistoryGenerator(random).generate();
            CaseLimits limits = number % 2 == 0 ? CaseLimits.DEFAULT : new CaseLimits(2 + random.nextInt(2), 1 + random.nextInt(2));
            List<Appended> streamOrder = history.shuffled(random);
            // The driver numbers the records of the agency topics, which the topology reads by one pattern, in the order they are
            // piped in: the stream's order of reading makes the offsets.
            Map<Appended, Long> offsets = new HashMap<>();
            streamOrder.forEach(record -> offsets.put(record, (long) offsets.size()));

            Map<Located, Set<Refusal>> expectedRefusals = new LinkedHashMap<>();
            List<CaseRecord> caseRecords = new ArrayList<>();
            Map<CaseRecord, Located> located = new HashMap<>();
            for (Appended record : streamOrder) {
                Located where = new Located(record.topic(), offsets.get(record));
                Screening.Result screened = Screening.screen(record.topic(), record.key(), record.value(), record.reportedAt());
                if (screened.isRefused()) {
                    expectedRefusals.put(where, EnumSet.of(screened.refusal().code()));
                } else {
                    CaseRecord caseRecord = new CaseRecord(screened.event(), new Position(record.reportedAt(), 0, where.offset()));
                    caseRecords.add(caseRecord);
                    located.put(caseRecord, where);
                }
            }
            HistoryOracle oracle = new HistoryOracle(caseRecords, limits);
            oracle.refused().forEach((record, reasons) -> expectedRefusals.put(located.get(record), reasons));
            List<Tally> expectedTallies = tallies(oracle.tallies());

            Output stream = Output.ofStream(streamOrder, offsets, limits, stateDir);
            List<Output> replays = new ArrayList<>();
            for (int order = 0; order < REPLAY_ORDERS; order++) {
                replays.add(Output.ofReplay(history.shuffled(random), offsets, limits));
            }
            return new Trial(number, seed, limits, history, streamOrder, offsets, stream, replays, oracle, expectedRefusals, expectedTallies);
        }

        List<CaseRecord> events() {
            return oracle.events();
        }

        List<Appended> caseRecords() {
            return streamOrder.stream().filter(record -> !Screening.screen(record.topic(), record.key(), record.value(), record.reportedAt())
                    .isRefused()).toList();
        }

        boolean isCaseRecord(Located where) {
            return !expectedRefusals.get(where).stream().allMatch(Trial::isScreening);
        }

        private static boolean isScreening(Refusal refusal) {
            return EnumSet.of(Refusal.OVERSIZED, Refusal.UNDECODABLE, Refusal.UNKNOWN_SCHEMA, Refusal.KEY_MISMATCH,
                    Refusal.AGENCY_MISMATCH, Refusal.INVALID_EVENT).contains(refusal);
        }

        /**
         * Whether the stream read a record that the rules refuse, but would not refuse given only what was read before it:
         * the topology must then refuse it late, when the earlier-lying record that decides it comes.
         */
        boolean streamMustRefuseLate() {
            List<CaseRecord> read = new ArrayList<>();
            for (Appended record : streamOrder) {
                Screening.Result screened = Screening.screen(record.topic(), record.key(), record.value(), record.reportedAt());
                if (screened.isRefused()) {
                    continue;
                }
                CaseRecord caseRecord = new CaseRecord(screened.event(), new Position(record.reportedAt(), 0, offsets.get(record)));
                read.add(caseRecord);
                if (!oracle.causes(caseRecord).isEmpty() && new HistoryOracle(read, limits).causes(caseRecord).isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the stream read a record of an agency about a case before an earlier-lying one of the same. */
        boolean readsOutOfHistoryOrder() {
            Map<String, Position> latestRead = new HashMap<>();
            for (Appended record : streamOrder) {
                Screening.Result screened = Screening.screen(record.topic(), record.key(), record.value(), record.reportedAt());
                if (screened.isRefused()) {
                    continue;
                }
                Position position = new Position(record.reportedAt(), 0, offsets.get(record));
                Position before = latestRead.merge(record.topic() + "|" + screened.event().caseId(), position,
                        (one, other) -> one.isBefore(other) ? other : one);
                if (before != position && position.isBefore(before)) {
                    return true;
                }
            }
            return false;
        }

        String explain() {
            return "trial " + number + ", seed " + seed + " (rerun alone with -D" + ONE_SEED + "=" + seed + "), limits " + limits + "\n"
                    + "expected refusals " + expectedRefusals + "\n" + history.describe(offsets)
                    + "stream read " + streamOrder.stream().map(record -> record.topic().substring(Topics.EVENTS_PREFIX.length())
                    + "@" + offsets.get(record)).toList() + "\n";
        }

        private static List<Tally> tallies(Map<String, Counts> counts) {
            List<Tally> known = new ArrayList<>();
            counts.forEach((region, tally) -> known.add(tally.toTally(region)));
            return Tallies.complete(known);
        }
    }

    /** What a reader made of a history: its latest tally of every region, and its refusals by where they lie. */
    private record Output(List<Tally> tallies, Map<Located, Refusal> refused) {

        Map<Located, Refusal> rejected() {
            return refused;
        }

        static Output ofStream(List<Appended> records, Map<Appended, Long> offsets, CaseLimits limits, Path stateDir) {
            StreamsSettings settings = new StreamsSettings("test:9092", "reunify-property", stateDir, 1,
                    TopologySettings.defaults().withLimits(limits), Map.of());
            StreamsBuilder builder = new StreamsBuilder();
            ReunificationTopology.build(builder, settings.topology());
            try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), PipelineStreams.properties(settings))) {
                Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
                for (Appended record : records) {
                    inputs.computeIfAbsent(record.topic(),
                                    topic -> driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()))
                            .pipeInput(new TestRecord<>(record.key(), record.value(), new RecordHeaders(),
                                    Instant.ofEpochMilli(record.reportedAt())));
                }
                // The tasks hand their summed changes on by wall-clock time, which only moves here when told to.
                driver.advanceWallClockTime(settings.topology().handOnInterval());
                Map<String, Tally> latest = new HashMap<>();
                driver.createOutputTopic(Topics.TOTALS.name(), new StringDeserializer(), new ByteArrayDeserializer())
                        .readRecordsToList()
                        .forEach(total -> latest.put(total.key(), TallyJson.fromBytes(total.value())));
                Map<Located, Refusal> rejected = new HashMap<>();
                driver.createOutputTopic(Topics.REJECTED.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                        .readRecordsToList()
                        .forEach(refused -> {
                            Located where = new Located(header(refused, Topics.SOURCE_TOPIC_HEADER),
                                    Long.parseLong(header(refused, Topics.SOURCE_OFFSET_HEADER)));
                            Refusal previous = rejected.put(where, Refusal.ofReason(header(refused, Topics.REASON_HEADER)).orElseThrow());
                            assertThat(previous).as("%s is rejected once", where).isNull();
                        });
                return new Output(Tallies.complete(latest.values()), rejected);
            }
        }

        static Output ofReplay(List<Appended> records, Map<Appended, Long> offsets, CaseLimits limits) {
            Map<Located, Refusal> refused = new HashMap<>();
            Replay replay = new Replay(limits, (topic, partition, offset, reason) -> {
                Refusal previous = refused.put(new Located(topic, offset), reason.code());
                assertThat(previous).as("%s@%d is refused once", topic, offset).isNull();
            }, caseId -> false);
            records.forEach(record -> replay.accept(record.topic(), 0, offsets.get(record), record.key(), record.value(), record.reportedAt()));
            return new Output(replay.tallies(), refused);
        }

        private static String header(TestRecord<byte[], byte[]> record, String name) {
            return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** One record of an agency topic, as the broker appended it. */
    private record Appended(String topic, byte[] key, byte[] value, long reportedAt, String what) {

        Appended appendedAt(long time) {
            return new Appended(topic, key, value, time, what);
        }

        // Records are compared by identity: the same history record, wherever an order of reading puts it.
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** Every agency's records with their append times. */
    private record History(Map<String, List<Appended>> topics) {

        /** Every record, in a random order of reading. */
        List<Appended> shuffled(Random random) {
            List<Appended> all = new ArrayList<>();
            topics.values().forEach(all::addAll);
            Collections.shuffle(all, random);
            return all;
        }

        String describe(Map<Appended, Long> offsets) {
            StringBuilder text = new StringBuilder();
            topics.forEach((topic, records) -> {
                text.append(topic).append('\n');
                records.forEach(record -> text.append("  ").append(Instant.ofEpochMilli(record.reportedAt()))
                        .append(" @").append(offsets.get(record)).append("  ").append(record.what()).append('\n'));
            });
            return text.toString();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /**
     * Random histories over small id spaces, so that cases, regions and event ids collide. First random noise (reports,
     * re-deliveries, conflicting copies, retractions anywhere in the topic, bad records), then each situation the rules
     * single out once on fresh events that the noise cannot touch, then append times. Where records lie in their topic
     * is only their append time: the order of reading is drawn apart, as if each agency's topic had many partitions.
     */
    private static final class HistoryGenerator {

        private static final List<String> AGENCY_POOL = List.of("bkb", "nib", "national-police", "rchr", "yale-hrl");
        private static final List<String> REGIONS = List.of("UA-09", "UA-14", "UA-43", "UA-65");
        private static final List<String> DESTINATIONS = Arrays.asList("RU", "BY", "KP", "OCCUPIED", null);
        private static final LocalDate FIRST_DAY = LocalDate.of(2022, 1, 1);
        private static final int DAYS = 3 * 365;
        /** Append times are in 2025, after every occurredOn, so no event breaks the publication-day rule. */
        private static final Instant FIRST_APPEND = Instant.parse("2025-06-01T09:00:00Z");

        private final Random random;
        private final List<AgencyLog> logs = new ArrayList<>();
        private final List<String> cases = new ArrayList<>();

        HistoryGenerator(Random random) {
            this.random = random;
        }

        History generate() {
            List<String> agencies = new ArrayList<>(AGENCY_POOL);
            Collections.shuffle(agencies, random);
            agencies.subList(3 + random.nextInt(2), agencies.size()).clear();
            agencies.forEach(agency -> logs.add(new AgencyLog(agency)));
            for (int c = 1, count = 3 + random.nextInt(4); c <= count; c++) {
                cases.add("c-" + c);
            }

            for (int noise = 0, count = 15 + random.nextInt(25); noise < count; noise++) {
                anyNoise(pick(logs));
            }
            exactRedelivery(pick(logs));
            conflictingDuplicate(pick(logs));
            retractionAfterItsTarget(pick(logs));
            retractionBeforeItsTarget(pick(logs));
            laterReportInAnotherRegion(pick(logs), pick(logs));
            returnWithoutDeportation(pick(logs));
            undecodable(pick(logs), false);
            keyedByAnotherCase(pick(logs));
            retractionOfAnotherAgencysEvent();
            retractionOfARetraction(pick(logs));
            oversized(pick(logs));
            List<AgencyLog> tied = reportsOfOneCaseInTwoRegions();

            Map<String, List<Appended>> topics = new LinkedHashMap<>();
            logs.forEach(log -> topics.put(log.topic(), log.appended()));
            appendLastRecordsInOneInstant(topics.get(tied.get(0).topic()), topics.get(tied.get(1).topic()));
            return new History(topics);
        }

        private void anyNoise(AgencyLog log) {
            int roll = random.nextInt(100);
            if (roll < 45 || log.sent.isEmpty()) {
                log.append(report(log, pick(cases)));
            } else if (roll < 55) {
                Draft copy = pick(log.drafts);
                log.insertAfter(copy, copy);
            } else if (roll < 65) {
                ReunificationEvent original = pick(log.sent);
                log.insertAnywhere(Draft.of(conflicting(log, original)));
            } else if (roll < 85) {
                // Its own event, usually of the same case, anywhere in the topic: before or after it, possibly a retraction.
                ReunificationEvent target = pick(log.sent);
                String caseId = random.nextInt(10) == 0 ? pick(cases) : target.getCaseId();
                log.insertAnywhere(Draft.of(log.factory.retraction(log.freshId(), caseId, target.getEventId(), "noise")));
            } else if (roll < 90) {
                // An id another agency used; this agency may or may not have used it too.
                AgencyLog other = pick(logs);
                if (!other.sent.isEmpty()) {
                    ReunificationEvent named = pick(other.sent);
                    // Reserved, so that this agency never sends an event of that id later, by accident.
                    log.usedIds.add(named.getEventId());
                    log.insertAnywhere(Draft.of(log.factory.retraction(log.freshId(), named.getCaseId(), named.getEventId(), "whose?")));
                }
            } else if (roll < 95) {
                undecodable(log, true);
            } else {
                keyedByAnotherCase(log);
            }
        }

        private void exactRedelivery(AgencyLog log) {
            Draft original = log.append(report(log, pick(cases)));
            log.insertAfter(original, original);
        }

        private void conflictingDuplicate(AgencyLog log) {
            Draft original = log.append(report(log, pick(cases)));
            Draft conflicting = Draft.of(conflicting(log, original.event()));
            if (random.nextBoolean()) {
                log.insertAfter(original, conflicting);
            } else {
                log.insertBefore(original, conflicting);
            }
        }

        private void retractionAfterItsTarget(AgencyLog log) {
            ReunificationEvent target = report(log, pick(cases));
            Draft appended = log.append(target);
            log.insertAfter(appended, Draft.of(log.factory.retraction(log.freshId(), target.getCaseId(), target.getEventId(), "entered twice")));
        }

        private void retractionBeforeItsTarget(AgencyLog log) {
            ReunificationEvent target = report(log, pick(cases));
            Draft retraction = Draft.of(log.factory.retraction(log.freshId(), target.getCaseId(), target.getEventId(), "sent by mistake"));
            log.insertBefore(log.append(target), retraction);
        }

        private void laterReportInAnotherRegion(AgencyLog first, AgencyLog later) {
            String caseId = pick(cases);
            String region = pick(REGIONS);
            String elsewhere = pick(REGIONS.stream().filter(r -> !r.equals(region)).toList());
            first.append(first.factory.deportation(first.freshId(), caseId, region, day(), pick(DESTINATIONS)));
            later.append(later.factory.deportation(later.freshId(), caseId, elsewhere, day(), pick(DESTINATIONS)));
        }

        /** On a case of its own, which no other report names. */
        private void returnWithoutDeportation(AgencyLog log) {
            log.append(log.factory.returned(log.freshId(), "c-back", pick(REGIONS), day()));
        }

        /** @param mayBeUnkeyed whether the record may also lack a key, which the stream refuses first */
        private void undecodable(AgencyLog log, boolean mayBeUnkeyed) {
            byte[] bytes;
            String what;
            if (random.nextBoolean()) {
                bytes = new byte[random.nextInt(24)];
                random.nextBytes(bytes);
                what = bytes.length + " random bytes";
            } else {
                byte[] valid = EventCodec.encode(report(log, pick(cases)));
                bytes = Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
                what = "an event cut to " + bytes.length + " of its " + valid.length + " bytes";
            }
            String key = mayBeUnkeyed && random.nextInt(5) == 0 ? null : pick(cases);
            log.insertAnywhere(new Draft(key == null ? null : utf8(key), bytes, what + ", keyed " + key, null));
        }

        private void keyedByAnotherCase(AgencyLog log) {
            ReunificationEvent event = report(log, pick(cases));
            String key = random.nextInt(5) == 0 ? null
                    : pick(cases.stream().filter(c -> !c.equals(event.getCaseId())).toList());
            log.insertAnywhere(new Draft(key == null ? null : utf8(key), EventCodec.encode(event),
                    describe(event) + ", keyed " + key, null));
        }

        /** A report, a retraction of it, and a retraction of that retraction, the last two either way round in the topic. */
        private void retractionOfARetraction(AgencyLog log) {
            ReunificationEvent target = report(log, pick(cases));
            Draft report = log.append(target);
            String retractionId = log.freshId();
            Draft retraction = Draft.of(log.factory.retraction(retractionId, target.getCaseId(), target.getEventId(), "entered twice"));
            log.insertAfter(report, retraction);
            Draft undo = Draft.of(log.factory.retraction(log.freshId(), target.getCaseId(), retractionId, "undo"));
            if (random.nextBoolean()) {
                log.insertAfter(retraction, undo);
            } else {
                log.insertBefore(retraction, undo);
            }
        }

        /** A value larger than any event, keyed by a case, as a client that bypasses the publisher may send. */
        private void oversized(AgencyLog log) {
            byte[] bytes = new byte[Refusal.MAX_RECORD_PART_BYTES + 1 + random.nextInt(1024)];
            random.nextBytes(bytes);
            log.insertAnywhere(new Draft(utf8(pick(cases)), bytes, bytes.length + " random bytes", null));
        }

        /**
         * A retraction naming an eventId that exists only at another agency: a retraction names an event of its own
         * agency, so it withdraws nothing, whichever side of the other agency's event it lands.
         */
        private void retractionOfAnotherAgencysEvent() {
            AgencyLog owner = pick(logs);
            AgencyLog stranger = pick(logs.stream().filter(log -> log != owner).toList());
            String retractionId = stranger.freshId();
            String foreignId = owner.freshIdUnusedBy(stranger);
            stranger.usedIds.add(foreignId);
            ReunificationEvent target = owner.factory.deportation(foreignId, pick(cases), pick(REGIONS), day(), pick(DESTINATIONS));
            owner.insertAnywhere(Draft.of(target));
            stranger.insertAnywhere(Draft.of(stranger.factory.retraction(retractionId, target.getCaseId(), foreignId, "not ours")));
        }

        /**
         * Two agencies report one case in two regions, each as the last record of its topic; {@link
         * #appendLastRecordsInOneInstant} gives them one append time, so that only the tie-break on (agency, eventId)
         * can decide between them.
         */
        private List<AgencyLog> reportsOfOneCaseInTwoRegions() {
            AgencyLog one = pick(logs);
            AgencyLog other = pick(logs.stream().filter(log -> log != one).toList());
            String caseId = pick(cases);
            String region = pick(REGIONS);
            String elsewhere = pick(REGIONS.stream().filter(r -> !r.equals(region)).toList());
            one.append(one.factory.deportation(one.freshId(), caseId, region, day(), pick(DESTINATIONS)));
            other.append(other.factory.deportation(other.freshId(), caseId, elsewhere, day(), pick(DESTINATIONS)));
            return List.of(one, other);
        }

        /** The later of the two last append times for both: each topic's times still only grow at its end. */
        private static void appendLastRecordsInOneInstant(List<Appended> one, List<Appended> other) {
            Appended lastOne = one.get(one.size() - 1);
            Appended lastOther = other.get(other.size() - 1);
            long at = Math.max(lastOne.reportedAt(), lastOther.reportedAt());
            one.set(one.size() - 1, lastOne.appendedAt(at));
            other.set(other.size() - 1, lastOther.appendedAt(at));
        }

        /** A fresh deportation (or, one time in three, a return) by this agency, not yet placed in its topic. */
        private ReunificationEvent report(AgencyLog log, String caseId) {
            return random.nextInt(3) == 0
                    ? log.factory.returned(log.freshId(), caseId, pick(REGIONS), day())
                    : log.factory.deportation(log.freshId(), caseId, pick(REGIONS), day(), pick(DESTINATIONS));
        }

        /** Another event under the same agency, eventId and case. */
        private ReunificationEvent conflicting(AgencyLog log, ReunificationEvent original) {
            String eventId = original.getEventId();
            String caseId = original.getCaseId();
            Object body = original.getBody();
            if (body instanceof ReportRetracted retraction) {
                return log.factory.retraction(eventId, caseId, retraction.getRetracts(), retraction.getReason() + ", again");
            }
            String region = body instanceof DeportationReported d ? d.getRegion() : ((ReturnConfirmed) body).getRegion();
            LocalDate occurredOn = body instanceof DeportationReported d ? d.getOccurredOn() : ((ReturnConfirmed) body).getOccurredOn();
            return switch (random.nextInt(3)) {
                case 0 -> body instanceof DeportationReported
                        ? log.factory.returned(eventId, caseId, region, occurredOn)
                        : log.factory.deportation(eventId, caseId, region, occurredOn, null);
                case 1 -> body instanceof DeportationReported d
                        ? log.factory.deportation(eventId, caseId, region, occurredOn.plusDays(1), d.getDestination())
                        : log.factory.returned(eventId, caseId, region, occurredOn.plusDays(1));
                default -> {
                    String elsewhere = pick(REGIONS.stream().filter(r -> !r.equals(region)).toList());
                    yield body instanceof DeportationReported d
                            ? log.factory.deportation(eventId, caseId, elsewhere, occurredOn, d.getDestination())
                            : log.factory.returned(eventId, caseId, elsewhere, occurredOn);
                }
            };
        }

        private LocalDate day() {
            return FIRST_DAY.plusDays(random.nextInt(DAYS));
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        /** One agency's topic as it is being written. */
        private final class AgencyLog {
            final String agency;
            final EventFactory factory;
            final List<Draft> drafts = new ArrayList<>();
            /** The well-keyed events it sent, for later records to copy, contradict or retract. */
            final List<ReunificationEvent> sent = new ArrayList<>();
            final Set<String> usedIds = new HashSet<>();
            int nextId = 1;

            AgencyLog(String agency) {
                this.agency = agency;
                this.factory = new EventFactory(agency, "property-test/1");
            }

            String topic() {
                return Topics.eventsTopic(agency);
            }

            /** The next id this agency has neither used nor reserved. */
            String freshId() {
                String id;
                do {
                    id = "e-" + nextId++;
                } while (usedIds.contains(id));
                usedIds.add(id);
                return id;
            }

            /** A fresh id of this agency that {@code other} has never used (nor reserved). */
            String freshIdUnusedBy(AgencyLog other) {
                String id;
                do {
                    id = freshId();
                } while (other.usedIds.contains(id));
                return id;
            }

            Draft append(ReunificationEvent event) {
                Draft draft = Draft.of(event);
                drafts.add(draft);
                remember(draft);
                return draft;
            }

            void insertAnywhere(Draft draft) {
                drafts.add(random.nextInt(drafts.size() + 1), draft);
                remember(draft);
            }

            void insertAfter(Draft anchor, Draft draft) {
                int after = drafts.indexOf(anchor) + 1;
                drafts.add(after + random.nextInt(drafts.size() - after + 1), draft);
                remember(draft);
            }

            void insertBefore(Draft anchor, Draft draft) {
                drafts.add(random.nextInt(drafts.indexOf(anchor) + 1), draft);
                remember(draft);
            }

            private void remember(Draft draft) {
                if (draft.event() != null && !sent.contains(draft.event())) {
                    sent.add(draft.event());
                }
            }

            /**
             * Append times, increasing-ish: mostly a second apart, sometimes the same second, now and then a second back
             * (an agency topic has several partitions). Every agency starts within the same few seconds, so append times
             * tie across agencies.
             */
            List<Appended> appended() {
                String topic = topic();
                long at = FIRST_APPEND.toEpochMilli() + 1000L * random.nextInt(3);
                List<Appended> records = new ArrayList<>();
                for (Draft draft : drafts) {
                    int step = random.nextInt(20);
                    at += step < 3 ? 0 : step < 4 ? -1000 : step < 17 ? 1000 : 1000L * (2 + random.nextInt(4));
                    records.add(new Appended(topic, draft.key(), draft.value(), at, draft.what()));
                }
                return records;
            }
        }
    }

    /** A record to be appended: an event keyed by its case, or anything else with what it is. */
    private record Draft(byte[] key, byte[] value, String what, ReunificationEvent event) {

        static Draft of(ReunificationEvent event) {
            return new Draft(utf8(event.getCaseId()), EventCodec.encode(event), describe(event), event);
        }

        // Drafts are placed by identity: a re-delivery is the same draft twice in the topic.
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    private static String describe(ReunificationEvent event) {
        String head = event.getEventId() + " " + event.getCaseId() + " ";
        Object body = event.getBody();
        if (body instanceof DeportationReported d) {
            return head + "deported from " + d.getRegion() + " on " + d.getOccurredOn() + " to " + d.getDestination();
        }
        if (body instanceof ReturnConfirmed r) {
            return head + "returned to " + r.getRegion() + " on " + r.getOccurredOn();
        }
        ReportRetracted x = (ReportRetracted) body;
        return head + "retracts " + x.getRetracts() + " (" + x.getReason() + ")";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
