package org.reunify.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reunify.streams.topology.TopologyHarness.header;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.audit.AgencyHistories.Appended;
import org.reunify.audit.AgencyHistories.History;
import org.reunify.audit.AgencyHistories.HistoryGenerator;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;
import org.reunify.schemas.Topics;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.Counts;
import org.reunify.streams.rules.EventKind;
import org.reunify.streams.rules.HistoryOracle;
import org.reunify.streams.rules.Position;
import org.reunify.streams.rules.Screening;
import org.reunify.streams.topology.TopologyHarness;
import org.reunify.streams.topology.TopologySettings;

/**
 * docs/DESIGN.md: "the tallies, and the set of records on reunification.rejected, depend only on the history (the
 * events, their append times and positions), not on the order in which anything reads it". Checked on many random
 * histories: each is fed to the real topology (TopologyTestDriver) in one order of reading and to the auditors' {@link
 * Replay} in {@value #REPLAY_ORDERS} others, any order at all (one agency's records about a case may lie in several
 * partitions, read in any interleaving), and both are held to the rules written plainly over the whole history
 * ({@link HistoryOracle}). Half the trials shrink the case limits so that agencies go past them.
 *
 * <p>Every trial is reproducible from its seed; to rerun one trial alone, pass {@code -Dreunify.property.seed=SEED}.
 */
class TopologyEqualsReplayTest {

    private static final long BASE_SEED = 0x5EED_2025_1201L;
    private static final int TRIALS = 200;
    private static final int REPLAY_ORDERS = 10;
    private static final String ONE_SEED = "reunify.property.seed";
    private static final long HOURS_APART = 5 * 3600_000L;

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
            trial.replays()
                    .forEach(replay ->
                            assertThat(replay.tallies()).as(trial::explain).isEqualTo(trial.expectedTallies()));
        }
    }

    @Test
    void theTopologyAndTheReplayGiveTheDestinationTalliesOfRule7ForAnyOrderOfReading() {
        assertThat(trials).isNotEmpty();
        for (Trial trial : trials) {
            assertThat(trial.stream().destinations()).as(trial::explain).isEqualTo(trial.expectedDestinations());
            trial.replays()
                    .forEach(replay -> assertThat(replay.destinations())
                            .as(trial::explain)
                            .isEqualTo(trial.expectedDestinations()));
        }
    }

    @Test
    void theTopologyAndTheReplayGiveTheTimelineOfRule8ForAnyOrderOfReading() {
        assertThat(trials).isNotEmpty();
        assertThat(trials)
                .anySatisfy(trial -> assertThat(trial.expectedTimeline().stream()
                                .map(TimelineEntry::month)
                                .distinct())
                        .hasSizeGreaterThan(3));
        for (Trial trial : trials) {
            assertThat(trial.stream().timeline()).as(trial::explain).isEqualTo(trial.expectedTimeline());
            trial.replays()
                    .forEach(replay ->
                            assertThat(replay.timeline()).as(trial::explain).isEqualTo(trial.expectedTimeline()));
        }
    }

    @Test
    void theReplayGivesEachDayTheTalliesOfTheHistoryAsOfItsEndForAnyOrderOfReading() {
        List<Trial> overDays = trials.stream().filter(Trial::overDays).toList();
        assertThat(overDays).isNotEmpty();
        for (Trial trial : overDays) {
            assertThat(trial.expectedDays().stream().map(Tally::day).distinct())
                    .as("a history over days")
                    .hasSizeGreaterThan(1);
            trial.replays()
                    .forEach(replay ->
                            assertThat(replay.days()).as(trial::explain).isEqualTo(trial.expectedDays()));
        }
    }

    /**
     * Whatever order the stream reads a history over days in: as appended (as Kafka Streams mostly does, by timestamp
     * among a task's buffered records), agency after agency as a backlog after a reset is read when one partition's
     * buffer runs ahead of the others', latest first, or any order at all.
     */
    @Test
    void theTopologyGivesEachDayTheTalliesOfTheHistoryAsOfItsEndForAnyOrderOfReading() {
        List<Trial> overDays = trials.stream().filter(Trial::overDays).toList();
        assertThat(overDays.stream().map(Trial::streamReads).distinct())
                .containsExactlyInAnyOrder(StreamReads.values());
        for (Trial trial : overDays) {
            assertThat(trial.stream().days()).as(trial::explain).isEqualTo(trial.expectedDays());
        }
    }

    /**
     * A reader may keep a past day's figures: once the stream has read every record appended by the end of a day,
     * whatever it reads later, in whatever order, publishes nothing more for that day or any before it.
     */
    @Test
    void theTopologyPublishesNothingMoreForADayOnceItHasReadEveryRecordAppendedByItsEnd() {
        int laterDays = 0;
        for (Trial trial : trials.stream().filter(Trial::overDays).limit(24).toList()) {
            List<LocalDate> days = trial.streamOrder().stream()
                    .map(record -> Tally.dayOf(record.reportedAt()))
                    .distinct()
                    .sorted()
                    .toList();
            LocalDate past = days.get(days.size() / 2);
            Map<Boolean, List<Appended>> afterThen = new HashMap<>();
            trial.streamOrder()
                    .forEach(record -> afterThen
                            .computeIfAbsent(Tally.dayOf(record.reportedAt()).isAfter(past), later -> new ArrayList<>())
                            .add(record));
            try (TopologyHarness stream = new TopologyHarness(
                    stateDirs.resolve("past-day-" + trial.number()),
                    TopologySettings.defaults().withLimits(trial.limits()))) {
                afterThen.getOrDefault(false, List.of()).forEach(record -> publish(stream, record));
                assertThat(stream.dailyRecords()).as(trial::explain).isNotEmpty();
                afterThen.getOrDefault(true, List.of()).forEach(record -> publish(stream, record));
                List<String> later =
                        stream.dailyRecords().stream().map(TestRecord::key).toList();

                assertThat(later)
                        .as("read after every record of %s: %s", past, trial.explain())
                        .allSatisfy(key -> assertThat(LocalDate.parse(key.substring(key.indexOf('/') + 1)))
                                .isAfter(past));
                laterDays += later.size();
            }
        }
        assertThat(laterDays).as("days published after the past day was read").isPositive();
    }

    private static void publish(TopologyHarness stream, Appended record) {
        stream.publishRaw(
                record.topic(),
                record.key(),
                record.value(),
                new RecordHeaders(),
                Instant.ofEpochMilli(record.reportedAt()));
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
        assertThat(refused.keySet())
                .as(trial::explain)
                .isEqualTo(trial.expectedRefusals().keySet());
        refused.forEach((record, code) -> assertThat(trial.expectedRefusals().get(record))
                .as("%s: %s", record, trial.explain())
                .contains(code));
    }

    /**
     * The property is only as strong as its histories: each one under the real limits must hold every situation the
     * rules single out (under shrunken limits, many of them are refused instead), and agencies must go past shrunken
     * limits.
     */
    @Test
    void everyRandomHistoryHoldsEverySituationTheCountingRulesSingleOut() {
        // Histories over days are read in append order, so never a record before an earlier one.
        for (Trial trial : trials.stream()
                .filter(trial -> trial.limits().equals(CaseLimits.DEFAULT) && !trial.overDays())
                .toList()) {
            assertThat(Situation.values())
                    .as(trial::explain)
                    .allSatisfy(situation -> assertThat(situation.holdsIn(trial))
                            .as(situation.name())
                            .isTrue());
            Set<Refusal> reasons = EnumSet.noneOf(Refusal.class);
            trial.expectedRefusals().values().forEach(reasons::addAll);
            assertThat(reasons)
                    .as(trial::explain)
                    .contains(
                            Refusal.CONFLICTING_DUPLICATE,
                            Refusal.RETRACTS_RETRACTION,
                            Refusal.KEY_MISMATCH,
                            Refusal.UNDECODABLE,
                            Refusal.OVERSIZED);
        }
        assertThat(trials)
                .as("agencies go past the limits")
                .anySatisfy(trial -> assertThat(trial.expectedRefusals().values())
                        .anySatisfy(reasons -> assertThat(reasons).contains(Refusal.CASE_LIMIT)));
        assertThat(trials.stream().filter(Trial::streamMustRefuseLate).count())
                .as("histories in which the topology can only refuse a record once an earlier-lying one is read")
                .isGreaterThan(TRIALS / 4);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** What each random history must show. */
    private enum Situation {
        CASE_SHARED_ACROSS_AGENCIES(trial -> trial.events().stream()
                .anyMatch(one -> trial.events().stream()
                        .anyMatch(other -> other.caseId().equals(one.caseId())
                                && !other.agency().equals(one.agency())))),
        RETRACTION_BEFORE_ITS_TARGET(
                trial -> retractionAndTarget(trial, (retraction, target) -> retraction.isBefore(target))),
        RETRACTION_AFTER_ITS_TARGET(
                trial -> retractionAndTarget(trial, (retraction, target) -> target.isBefore(retraction))),
        LIVE_REPORTS_IN_SEVERAL_REGIONS(trial -> trial.events().stream()
                .filter(e -> e.event().kind().isReport())
                .anyMatch(one -> trial.events().stream()
                        .anyMatch(other -> other.caseId().equals(one.caseId())
                                && other.event().kind().isReport()
                                && !other.event().region().equals(one.event().region())))),
        REPORTS_OF_TWO_AGENCIES_IN_ONE_INSTANT(trial -> trial.events().stream()
                .filter(e -> e.event().kind().isReport())
                .anyMatch(one -> trial.events().stream()
                        .anyMatch(other -> other.caseId().equals(one.caseId())
                                && other.event().kind().isReport()
                                && !other.agency().equals(one.agency())
                                && other.position().reportedAt()
                                        == one.position().reportedAt()))),
        EXACT_REDELIVERY_IGNORED(
                trial -> trial.caseRecords().size() - trial.events().size()
                        > trial.expectedRefusals().keySet().stream()
                                .filter(trial::isCaseRecord)
                                .count()),
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
            return trial.events().stream()
                    .filter(e -> e.event().kind() == EventKind.REPORT_RETRACTED)
                    .anyMatch(retraction -> trial.events().stream()
                            .anyMatch(target -> target.event().kind().isReport()
                                    && target.event()
                                            .ref()
                                            .equals(retraction.event().target())
                                    && target.caseId().equals(retraction.caseId())
                                    && positions.test(retraction.position(), target.position())));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Orders in which the stream reads a history over days. */
    private enum StreamReads {
        /** By append time, as Kafka Streams picks a task's buffered records. */
        AS_APPENDED {
            @Override
            List<Appended> order(History history, Random random) {
                List<Appended> order = history.shuffled(random);
                order.sort(Comparator.comparingLong(Appended::reportedAt));
                return order;
            }
        },
        /**
         * A backlog after a reset: each agency's topic as appended, one after another, as a task reads when one
         * partition's fetched records run days ahead of the others'.
         */
        AGENCY_AFTER_AGENCY {
            @Override
            List<Appended> order(History history, Random random) {
                List<String> topics = new ArrayList<>(history.topics().keySet());
                Collections.shuffle(topics, random);
                List<Appended> order = new ArrayList<>();
                topics.forEach(topic -> order.addAll(history.topics().get(topic)));
                return order;
            }
        },
        /** The latest records first: every later record of a case before the earlier ones. */
        LATEST_FIRST {
            @Override
            List<Appended> order(History history, Random random) {
                List<Appended> order = history.shuffled(random);
                order.sort(Comparator.comparingLong(Appended::reportedAt).reversed());
                return order;
            }
        },
        ANY {
            @Override
            List<Appended> order(History history, Random random) {
                return history.shuffled(random);
            }
        };

        abstract List<Appended> order(History history, Random random);
    }

    /** Where a record lies: the same for the stream, the replay and the rules. */
    private record Located(String topic, long offset) {}

    /** One random history, counted every way. */
    private record Trial(
            int number,
            long seed,
            CaseLimits limits,
            History history,
            List<Appended> streamOrder,
            Map<Appended, Long> offsets,
            boolean overDays,
            StreamReads streamReads,
            Output stream,
            List<Output> replays,
            HistoryOracle oracle,
            Map<Located, Set<Refusal>> expectedRefusals,
            List<Tally> expectedTallies,
            List<Tally> expectedDestinations,
            List<Tally> expectedDays,
            List<TimelineEntry> expectedTimeline) {

        static Trial run(int number, long seed, Path stateDir) {
            Random random = new Random(seed);
            // A quarter of the histories span days, a record hours after the one before, for the daily tallies.
            boolean overDays = number % 4 >= 2;
            History history = new HistoryGenerator(random, "c-", overDays ? HOURS_APART : 1000).generate();
            CaseLimits limits =
                    number % 2 == 0 ? CaseLimits.DEFAULT : new CaseLimits(2 + random.nextInt(2), 1 + random.nextInt(2));
            StreamReads streamReads = overDays ? StreamReads.values()[number / 4 % StreamReads.values().length] : null;
            List<Appended> streamOrder = overDays ? streamReads.order(history, random) : history.shuffled(random);
            // The driver numbers each agency topic's records in the order they are piped in: the stream's order of
            // reading makes the offsets.
            Map<Appended, Long> offsets = new HashMap<>();
            Map<String, Long> nextOffset = new HashMap<>();
            streamOrder.forEach(record -> offsets.put(record, nextOffset.merge(record.topic(), 1L, Long::sum) - 1));

            Map<Located, Set<Refusal>> expectedRefusals = new LinkedHashMap<>();
            List<CaseRecord> caseRecords = new ArrayList<>();
            Map<CaseRecord, Located> located = new HashMap<>();
            for (Appended record : streamOrder) {
                Located where = new Located(record.topic(), offsets.get(record));
                Screening.Result screened =
                        Screening.screen(record.topic(), record.key(), record.value(), record.reportedAt());
                if (screened.isRefused()) {
                    expectedRefusals.put(where, EnumSet.of(screened.refusal().code()));
                } else {
                    CaseRecord caseRecord =
                            new CaseRecord(screened.event(), new Position(record.reportedAt(), 0, where.offset()));
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
            return new Trial(
                    number,
                    seed,
                    limits,
                    history,
                    streamOrder,
                    offsets,
                    overDays,
                    streamReads,
                    stream,
                    replays,
                    oracle,
                    expectedRefusals,
                    expectedTallies,
                    Tallies.completeDestinations(destinationTallies(oracle.destinationTallies())),
                    asOfEveryDay(caseRecords, limits),
                    timeline(oracle));
        }

        /**
         * The rules written plainly, once per day: each region's tally of the history as of the end of every Kyiv day
         * on which it differs from that of the day before.
         */
        private static List<Tally> asOfEveryDay(List<CaseRecord> history, CaseLimits limits) {
            List<Tally> expected = new ArrayList<>();
            HistoryOracle.asOfEveryDay(history, limits)
                    .forEach((day, regions) -> regions.forEach((region, counts) ->
                            expected.add(counts.toTally(region).on(day))));
            return Tallies.sortedDaily(expected);
        }

        /** Rule 8 written plainly: every month of every region with a case. */
        private static List<TimelineEntry> timeline(HistoryOracle oracle) {
            List<TimelineEntry> expected = new ArrayList<>();
            oracle.timeline().forEach((key, counts) -> {
                int slash = key.indexOf('/');
                expected.add(TimelineEntry.of(
                        key.substring(0, slash), key.substring(slash + 1), counts.deported(), counts.returned()));
            });
            return Tallies.sortedTimeline(expected);
        }

        List<CaseRecord> events() {
            return oracle.events();
        }

        List<Appended> caseRecords() {
            return streamOrder.stream()
                    .filter(record -> !Screening.screen(
                                    record.topic(), record.key(), record.value(), record.reportedAt())
                            .isRefused())
                    .toList();
        }

        boolean isCaseRecord(Located where) {
            return !expectedRefusals.get(where).stream().allMatch(Trial::isScreening);
        }

        private static boolean isScreening(Refusal refusal) {
            return EnumSet.of(
                            Refusal.OVERSIZED,
                            Refusal.UNDECODABLE,
                            Refusal.UNKNOWN_SCHEMA,
                            Refusal.KEY_MISMATCH,
                            Refusal.AGENCY_MISMATCH,
                            Refusal.INVALID_EVENT)
                    .contains(refusal);
        }

        /**
         * Whether the stream read a record that the rules refuse, but would not refuse given only what was read before
         * it: the topology must then refuse it late, when the earlier-lying record that decides it comes.
         */
        boolean streamMustRefuseLate() {
            List<CaseRecord> read = new ArrayList<>();
            for (Appended record : streamOrder) {
                Screening.Result screened =
                        Screening.screen(record.topic(), record.key(), record.value(), record.reportedAt());
                if (screened.isRefused()) {
                    continue;
                }
                CaseRecord caseRecord =
                        new CaseRecord(screened.event(), new Position(record.reportedAt(), 0, offsets.get(record)));
                read.add(caseRecord);
                if (!oracle.causes(caseRecord).isEmpty()
                        && new HistoryOracle(read, limits).causes(caseRecord).isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the stream read a record of an agency about a case before an earlier-lying one of the same. */
        boolean readsOutOfHistoryOrder() {
            Map<String, Position> latestRead = new HashMap<>();
            for (Appended record : streamOrder) {
                Screening.Result screened =
                        Screening.screen(record.topic(), record.key(), record.value(), record.reportedAt());
                if (screened.isRefused()) {
                    continue;
                }
                Position position = new Position(record.reportedAt(), 0, offsets.get(record));
                Position before = latestRead.merge(
                        record.topic() + "|" + screened.event().caseId(),
                        position,
                        (one, other) -> one.isBefore(other) ? other : one);
                if (before != position && position.isBefore(before)) {
                    return true;
                }
            }
            return false;
        }

        String explain() {
            return "trial " + number + ", seed " + seed + " (rerun alone with -D" + ONE_SEED + "=" + seed + "), limits "
                    + limits + (overDays ? ", the stream reading " + streamReads : "") + "\n"
                    + "expected refusals " + expectedRefusals + "\n" + history.describe(offsets)
                    + "stream read "
                    + streamOrder.stream()
                            .map(record ->
                                    record.topic().substring(Topics.EVENTS_PREFIX.length()) + "@" + offsets.get(record))
                            .toList()
                    + "\n";
        }

        private static List<Tally> destinationTallies(Map<String, Counts> counts) {
            List<Tally> known = new ArrayList<>();
            counts.forEach((destination, tally) -> known.add(tally.toTally(Breakdown.destination, destination)));
            return known;
        }

        private static List<Tally> tallies(Map<String, Counts> counts) {
            List<Tally> known = new ArrayList<>();
            counts.forEach((region, tally) -> known.add(tally.toTally(region)));
            return Tallies.complete(known);
        }
    }

    /**
     * What a reader made of a history: its latest tally of every region and destination, its daily tallies, and its
     * refusals by where they lie.
     */
    private record Output(
            List<Tally> tallies,
            List<Tally> destinations,
            List<Tally> days,
            List<TimelineEntry> timeline,
            Map<Located, Refusal> refused) {

        Map<Located, Refusal> rejected() {
            return refused;
        }

        /**
         * Also checks that each record refused, at once or late, reaches {@code reunification.rejected} once and as it
         * was published (its first 64 KiB if larger).
         */
        static Output ofStream(List<Appended> records, Map<Appended, Long> offsets, CaseLimits limits, Path stateDir) {
            Map<Located, byte[]> published = new HashMap<>();
            records.forEach(record -> published.put(new Located(record.topic(), offsets.get(record)), record.value()));
            try (TopologyHarness stream =
                    new TopologyHarness(stateDir, TopologySettings.defaults().withLimits(limits))) {
                records.forEach(record -> publish(stream, record));
                Map<Located, Refusal> rejected = new HashMap<>();
                stream.rejected().forEach(refused -> {
                    Located where = new Located(
                            header(refused, Topics.SOURCE_TOPIC_HEADER),
                            Long.parseLong(header(refused, Topics.SOURCE_OFFSET_HEADER)));
                    assertThat(refused.value())
                            .as("the bytes of %s", where)
                            .isEqualTo(asRejected(published.get(where)));
                    Refusal previous = rejected.put(
                            where,
                            Refusal.ofReason(header(refused, Topics.REASON_HEADER))
                                    .orElseThrow());
                    assertThat(previous).as("%s is rejected once", where).isNull();
                });
                return new Output(
                        Tallies.complete(stream.totals().values()),
                        Tallies.completeDestinations(stream.destinations().values()),
                        Tallies.sortedDaily(stream.daily().values()),
                        Tallies.sortedTimeline(stream.timeline().values()),
                        rejected);
            }
        }

        private static byte[] asRejected(byte[] value) {
            return value == null || value.length <= Refusal.MAX_RECORD_PART_BYTES
                    ? value
                    : Arrays.copyOf(value, Refusal.MAX_RECORD_PART_BYTES);
        }

        static Output ofReplay(List<Appended> records, Map<Appended, Long> offsets, CaseLimits limits) {
            Map<Located, Refusal> refused = new HashMap<>();
            Replay replay = new Replay(
                    limits,
                    (topic, partition, offset, reason) -> {
                        Refusal previous = refused.put(new Located(topic, offset), reason.code());
                        assertThat(previous)
                                .as("%s@%d is refused once", topic, offset)
                                .isNull();
                    },
                    caseId -> false);
            records.forEach(record -> replay.accept(
                    record.topic(), 0, offsets.get(record), record.key(), record.value(), record.reportedAt()));
            return new Output(
                    replay.tallies(), replay.destinationTallies(), replay.dailyTallies(), replay.timeline(), refused);
        }
    }
}
