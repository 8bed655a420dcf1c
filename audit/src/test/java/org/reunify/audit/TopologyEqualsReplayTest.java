package org.reunify.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.common.header.Headers;
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
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseHistory;
import org.reunify.streams.rules.EventKind;
import org.reunify.streams.rules.EventRef;

/**
 * DESIGN.md: the counting rules "depend only on the set of events and their append times, not on the order in which
 * the stream happens to read agency topics: a replay of the same history gives the same totals". Checked on many
 * random histories: each is fed to the real topology (TopologyTestDriver) in one interleaving of its agency topics,
 * and to the auditors' {@link Replay} in another, each agency's own records in their topic order on both sides.
 *
 * <p>Every trial is reproducible from its seed; to rerun one trial alone, pass {@code -Dreunify.property.seed=SEED}.
 */
class TopologyEqualsReplayTest {

    private static final long BASE_SEED = 0x5EED_2025_1201L;
    private static final int TRIALS = 200;
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
    void theTopologyAndTheReplayGiveTheSameTalliesForAnyHistoryAndAnyAgencyInterleaving() {
        assertThat(trials).isNotEmpty();
        for (Trial trial : trials) {
            assertThat(trial.streamTallies()).as(trial::explain).isEqualTo(trial.replay().tallies());
        }
    }

    @Test
    void theTopologyRejectsAsManyRecordsForEachReasonAsTheReplayRefuses() {
        assertThat(trials).isNotEmpty();
        for (Trial trial : trials) {
            assertThat(trial.rejected()).as(trial::explain).isEqualTo(trial.replay().refusals());
        }
    }

    /** The property is only as strong as its histories: each one must hold every situation the rules single out. */
    @Test
    void everyRandomHistoryHoldsEverySituationTheCountingRulesSingleOut() {
        for (Trial trial : trials) {
            Replay replay = trial.replay();
            Collection<CaseHistory> cases = replay.cases();
            long accepted = cases.stream().mapToLong(history -> history.events().size()).sum();
            long refused = replay.refusals().values().stream().mapToLong(Long::longValue).sum();

            assertThat(Situation.values()).as(trial::explain).allSatisfy(situation ->
                    assertThat(situation.holdsIn(cases)).as(situation.name()).isTrue());
            assertThat(replay.records() - accepted - refused).as("exact re-deliveries ignored; %s", trial.explain()).isPositive();
            assertThat(replay.refusals()).as(trial::explain)
                    .containsKeys("CONFLICTING_DUPLICATE", "KEY_MISMATCH", "UNDECODABLE");
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** What an accepted case history can show; each random history must show them all. */
    private enum Situation {
        CASE_SHARED_ACROSS_AGENCIES(history -> history.events().stream().map(e -> e.ref().agency()).distinct().count() > 1),
        RETRACTION_BEFORE_ITS_TARGET(history -> retractionAndTarget(history, (retraction, target) -> retraction < target)),
        RETRACTION_AFTER_ITS_TARGET(history -> retractionAndTarget(history, (retraction, target) -> retraction > target)),
        RETRACTION_NAMING_ANOTHER_AGENCYS_EVENT(history -> history.events().stream()
                .filter(e -> e.kind() == EventKind.REPORT_RETRACTED && find(history, e.target()) == null)
                .anyMatch(retraction -> history.events().stream().anyMatch(other ->
                        !other.ref().agency().equals(retraction.ref().agency()) && other.ref().eventId().equals(retraction.retracts())))),
        LIVE_REPORTS_IN_SEVERAL_REGIONS(history -> liveReports(history).stream().map(CaseEvent::region).distinct().count() > 1),
        LIVE_REPORTS_OF_TWO_AGENCIES_IN_ONE_INSTANT(history -> liveReports(history).stream().anyMatch(one -> liveReports(history).stream()
                .anyMatch(other -> !other.ref().agency().equals(one.ref().agency()) && other.reportedAt() == one.reportedAt()
                        && !other.region().equals(one.region())))),
        RETURN_WITHOUT_DEPORTATION(history -> !liveReports(history).isEmpty()
                && liveReports(history).stream().allMatch(e -> e.kind() == EventKind.RETURN_CONFIRMED));

        private final Predicate<CaseHistory> shownBy;

        Situation(Predicate<CaseHistory> shownBy) {
            this.shownBy = shownBy;
        }

        boolean holdsIn(Collection<CaseHistory> cases) {
            return cases.stream().anyMatch(shownBy);
        }

        private interface Positions {
            boolean test(int retraction, int target);
        }

        private static boolean retractionAndTarget(CaseHistory history, Positions positions) {
            List<CaseEvent> events = history.events();
            for (int r = 0; r < events.size(); r++) {
                CaseEvent target = find(history, events.get(r).target());
                if (target != null && target.kind().isReport() && positions.test(r, events.indexOf(target))) {
                    return true;
                }
            }
            return false;
        }

        private static List<CaseEvent> liveReports(CaseHistory history) {
            Set<EventRef> withdrawn = history.retractions().keySet();
            return history.events().stream().filter(e -> e.kind().isReport() && !withdrawn.contains(e.ref())).toList();
        }

        private static CaseEvent find(CaseHistory history, EventRef ref) {
            return ref == null ? null : history.events().stream().filter(e -> e.ref().equals(ref)).findFirst().orElse(null);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** One random history, counted both ways. */
    private record Trial(int number, long seed, History history, List<Appended> streamOrder, List<Appended> replayOrder,
                         List<Tally> streamTallies, Map<String, Long> rejected, Replay replay) {

        static Trial run(int number, long seed, Path stateDir) {
            Random random = new Random(seed);
            History history = new HistoryGenerator(random).generate();
            List<Appended> streamOrder = history.interleaved(random);
            List<Appended> replayOrder = streamOrder;
            while (replayOrder.equals(streamOrder)) {
                replayOrder = random.nextBoolean() ? history.agencyByAgency(random) : history.interleaved(random);
            }
            Replay replay = new Replay();
            replayOrder.forEach(record -> replay.accept(record.topic(), record.key(), record.value(), record.reportedAt()));
            StreamOutput stream = StreamOutput.of(streamOrder, stateDir);
            return new Trial(number, seed, history, streamOrder, replayOrder, stream.tallies(), stream.rejected(), replay);
        }

        String explain() {
            return "trial " + number + ", seed " + seed + " (rerun alone with -D" + ONE_SEED + "=" + seed + ")\n"
                    + "replay refusals " + replay.refusals() + "\n" + history.describe()
                    + "stream read the agencies as " + agencySequence(streamOrder) + "\n"
                    + "replay read the agencies as " + agencySequence(replayOrder) + "\n";
        }

        private static String agencySequence(List<Appended> order) {
            return order.stream().map(record -> record.topic().substring(Topics.EVENTS_PREFIX.length()))
                    .collect(Collectors.joining(" "));
        }
    }

    /** What the topology published for a history fed in one order: its latest tally of every region, and its rejections. */
    private record StreamOutput(List<Tally> tallies, Map<String, Long> rejected) {

        static StreamOutput of(List<Appended> records, Path stateDir) {
            StreamsSettings settings = new StreamsSettings("test:9092", "reunify-property", stateDir, 1, TopologySettings.defaults(), Map.of());
            StreamsBuilder builder = new StreamsBuilder();
            ReunificationTopology.build(builder, settings.topology());
            try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), PipelineStreams.properties(settings))) {
                Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
                for (Appended record : records) {
                    inputs.computeIfAbsent(record.topic(), topic -> driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()))
                            .pipeInput(new TestRecord<>(record.key(), record.value(), new RecordHeaders(), Instant.ofEpochMilli(record.reportedAt())));
                }
                // The tasks hand their summed changes on by wall-clock time, which only moves here when told to.
                driver.advanceWallClockTime(settings.topology().handOnInterval());
                Map<String, Tally> latest = new HashMap<>();
                driver.createOutputTopic(Topics.TOTALS, new StringDeserializer(), new ByteArrayDeserializer())
                        .readRecordsToList()
                        .forEach(total -> latest.put(total.key(), TallyJson.fromBytes(total.value())));
                Map<String, Long> rejected = new HashMap<>();
                driver.createOutputTopic(Topics.REJECTED, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                        .readRecordsToList()
                        .forEach(refused -> rejected.merge(reasonCode(refused.headers()), 1L, Long::sum));
                return new StreamOutput(Tallies.complete(latest.values()), rejected);
            }
        }
    }

    private static String reasonCode(Headers headers) {
        String reason = new String(headers.lastHeader(Topics.REASON_HEADER).value(), StandardCharsets.UTF_8);
        return reason.substring(0, reason.indexOf(':'));
    }

    // ------------------------------------------------------------------------------------------------------------

    /** One record of an agency topic, as the broker appended it. */
    private record Appended(String topic, byte[] key, byte[] value, long reportedAt, String what) {

        Appended appendedAt(long time) {
            return new Appended(topic, key, value, time, what);
        }

        // Records are compared by identity: the same history record, wherever an interleaving puts it.
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** Every agency's topic, record by record in the order the broker appended them. */
    private record History(Map<String, List<Appended>> topics) {

        /** One random merge of the agency topics, each topic's own order kept. */
        List<Appended> interleaved(Random random) {
            List<Cursor> open = new ArrayList<>();
            topics.values().forEach(records -> open.add(new Cursor(records)));
            List<Appended> merged = new ArrayList<>();
            open.removeIf(Cursor::exhausted);
            while (!open.isEmpty()) {
                Cursor next = open.get(random.nextInt(open.size()));
                merged.add(next.take());
                if (next.exhausted()) {
                    open.remove(next);
                }
            }
            return merged;
        }

        /** Every record of one agency, then every record of the next, agencies in a random order. */
        List<Appended> agencyByAgency(Random random) {
            List<String> agencies = new ArrayList<>(topics.keySet());
            Collections.shuffle(agencies, random);
            List<Appended> all = new ArrayList<>();
            agencies.forEach(agency -> all.addAll(topics.get(agency)));
            return all;
        }

        String describe() {
            StringBuilder text = new StringBuilder();
            topics.forEach((topic, records) -> {
                text.append(topic).append('\n');
                records.forEach(record -> text.append("  ").append(Instant.ofEpochMilli(record.reportedAt()))
                        .append("  ").append(record.what()).append('\n'));
            });
            return text.toString();
        }

        private static final class Cursor {
            private final List<Appended> records;
            private int position;

            Cursor(List<Appended> records) {
                this.records = records;
            }

            boolean exhausted() {
                return position == records.size();
            }

            Appended take() {
                return records.get(position++);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /**
     * Random histories over small id spaces, so that cases, regions and event ids collide. First random noise (reports,
     * re-deliveries, conflicting copies, retractions anywhere in the topic, bad records), then each situation the rules
     * single out once on fresh events that the noise cannot touch, then append times.
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
