package org.reunify.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.DeportationReported;
import org.reunify.schemas.avro.ReportRetracted;
import org.reunify.schemas.avro.ReturnConfirmed;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * Random histories of agency topics, record by record as the broker appended them, with every situation the counting
 * rules single out and every kind of bad record: the histories of the replay's property test.
 */
final class AgencyHistories {

    private AgencyHistories() {}

    /** One record of an agency topic, as the broker appended it. */
    record Appended(String topic, byte[] key, byte[] value, long reportedAt, String what) {

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
    record History(Map<String, List<Appended>> topics) {

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
                records.forEach(record -> text.append("  ")
                        .append(Instant.ofEpochMilli(record.reportedAt()))
                        .append(" @")
                        .append(offsets.get(record))
                        .append("  ")
                        .append(record.what())
                        .append('\n'));
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
    static final class HistoryGenerator {

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

        private final String casePrefix;
        private final long stepMillis;

        HistoryGenerator(Random random) {
            this(random, "c-", 1000);
        }

        /** @param casePrefix begins every case id, so that histories generated apart have no case in common */
        HistoryGenerator(Random random, String casePrefix) {
            this(random, casePrefix, 1000);
        }

        /**
         * @param stepMillis about how far apart an agency appends its records: a second, or hours for a history
         *                   that spans days
         */
        HistoryGenerator(Random random, String casePrefix, long stepMillis) {
            this.random = random;
            this.casePrefix = casePrefix;
            this.stepMillis = stepMillis;
        }

        History generate() {
            List<String> agencies = new ArrayList<>(AGENCY_POOL);
            Collections.shuffle(agencies, random);
            agencies.subList(3 + random.nextInt(2), agencies.size()).clear();
            agencies.forEach(agency -> logs.add(new AgencyLog(agency)));
            for (int c = 1, count = 3 + random.nextInt(4); c <= count; c++) {
                cases.add(casePrefix + c);
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
            appendLastRecordsInOneInstant(
                    topics.get(tied.get(0).topic()), topics.get(tied.get(1).topic()));
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
                // Its own event, usually of the same case, anywhere in the topic: before or after it, possibly a
                // retraction.
                ReunificationEvent target = pick(log.sent);
                String caseId = random.nextInt(10) == 0 ? pick(cases) : target.getCaseId();
                log.insertAnywhere(
                        Draft.of(log.factory.retraction(log.freshId(), caseId, target.getEventId(), "noise")));
            } else if (roll < 90) {
                // An id another agency used; this agency may or may not have used it too.
                AgencyLog other = pick(logs);
                if (!other.sent.isEmpty()) {
                    ReunificationEvent named = pick(other.sent);
                    // Reserved, so that this agency never sends an event of that id later, by accident.
                    log.usedIds.add(named.getEventId());
                    log.insertAnywhere(Draft.of(
                            log.factory.retraction(log.freshId(), named.getCaseId(), named.getEventId(), "whose?")));
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
            log.insertAfter(
                    appended,
                    Draft.of(log.factory.retraction(
                            log.freshId(), target.getCaseId(), target.getEventId(), "entered twice")));
        }

        private void retractionBeforeItsTarget(AgencyLog log) {
            ReunificationEvent target = report(log, pick(cases));
            Draft retraction = Draft.of(
                    log.factory.retraction(log.freshId(), target.getCaseId(), target.getEventId(), "sent by mistake"));
            log.insertBefore(log.append(target), retraction);
        }

        private void laterReportInAnotherRegion(AgencyLog first, AgencyLog later) {
            String caseId = pick(cases);
            String region = pick(REGIONS);
            String elsewhere =
                    pick(REGIONS.stream().filter(r -> !r.equals(region)).toList());
            first.append(first.factory.deportation(first.freshId(), caseId, region, day(), pick(DESTINATIONS)));
            later.append(later.factory.deportation(later.freshId(), caseId, elsewhere, day(), pick(DESTINATIONS)));
        }

        /** On a case of its own, which no other report names. */
        private void returnWithoutDeportation(AgencyLog log) {
            log.append(log.factory.returned(log.freshId(), casePrefix + "back", pick(REGIONS), day()));
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
            String key = random.nextInt(5) == 0
                    ? null
                    : pick(cases.stream()
                            .filter(c -> !c.equals(event.getCaseId()))
                            .toList());
            log.insertAnywhere(new Draft(
                    key == null ? null : utf8(key),
                    EventCodec.encode(event),
                    describe(event) + ", keyed " + key,
                    null));
        }

        /**
         * A report, a retraction of it, and a retraction of that retraction, the last two either way round in the
         * topic.
         */
        private void retractionOfARetraction(AgencyLog log) {
            ReunificationEvent target = report(log, pick(cases));
            Draft report = log.append(target);
            String retractionId = log.freshId();
            Draft retraction = Draft.of(
                    log.factory.retraction(retractionId, target.getCaseId(), target.getEventId(), "entered twice"));
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
            ReunificationEvent target =
                    owner.factory.deportation(foreignId, pick(cases), pick(REGIONS), day(), pick(DESTINATIONS));
            owner.insertAnywhere(Draft.of(target));
            stranger.insertAnywhere(
                    Draft.of(stranger.factory.retraction(retractionId, target.getCaseId(), foreignId, "not ours")));
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
            String elsewhere =
                    pick(REGIONS.stream().filter(r -> !r.equals(region)).toList());
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
                return log.factory.retraction(
                        eventId, caseId, retraction.getRetracts(), retraction.getReason() + ", again");
            }
            String region =
                    body instanceof DeportationReported d ? d.getRegion() : ((ReturnConfirmed) body).getRegion();
            LocalDate occurredOn = body instanceof DeportationReported d
                    ? d.getOccurredOn()
                    : ((ReturnConfirmed) body).getOccurredOn();
            return switch (random.nextInt(3)) {
                case 0 ->
                    body instanceof DeportationReported
                            ? log.factory.returned(eventId, caseId, region, occurredOn)
                            : log.factory.deportation(eventId, caseId, region, occurredOn, null);
                case 1 ->
                    body instanceof DeportationReported d
                            ? log.factory.deportation(
                                    eventId, caseId, region, occurredOn.plusDays(1), d.getDestination())
                            : log.factory.returned(eventId, caseId, region, occurredOn.plusDays(1));
                default -> {
                    String elsewhere =
                            pick(REGIONS.stream().filter(r -> !r.equals(region)).toList());
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
             * Append times, increasing-ish: mostly a step apart, sometimes at once, now and then a step back (an agency
             * topic has several partitions). Every agency starts within the same few seconds, so append
             * times tie across agencies.
             */
            List<Appended> appended() {
                String topic = topic();
                long at = FIRST_APPEND.toEpochMilli() + stepMillis * random.nextInt(3);
                List<Appended> records = new ArrayList<>();
                for (Draft draft : drafts) {
                    int step = random.nextInt(20);
                    at += step < 3
                            ? 0
                            : step < 4 ? -stepMillis : step < 17 ? stepMillis : stepMillis * (2 + random.nextInt(4));
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
