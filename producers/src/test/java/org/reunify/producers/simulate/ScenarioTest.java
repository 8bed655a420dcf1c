package org.reunify.producers.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.EventRules;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Regions;
import org.reunify.schemas.avro.DeportationReported;
import org.reunify.schemas.avro.ReportRetracted;
import org.reunify.schemas.avro.ReturnConfirmed;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.CasesOnHeap;
import org.reunify.streams.rules.Counts;
import org.reunify.streams.rules.Position;

class ScenarioTest {

    private static final long SEED = 20251231L;
    private static final Scenario DEC2025 = Scenario.dec2025(SEED);
    private static final List<ReunificationEvent> EVENTS = DEC2025.events();
    private static final long START = Instant.parse("2026-01-05T08:00:00Z").toEpochMilli();
    private static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);
    /** The history folded in list order, appended one second apart. */
    private static final Folded FOLDED = fold(EVENTS, i -> START + i * 1000);

    // --- the totals

    @Test
    void dec2025FoldsToThePublishedNationalFigures() {
        Counts national = FOLDED.national();

        assertThat(national.deported()).isEqualTo(19_546).isEqualTo(DEC2025.expectedDeported());
        assertThat(national.returned()).isEqualTo(1_859).isEqualTo(DEC2025.expectedReturned());
    }

    @Test
    void theNationalTotalsDoNotDependOnHowTheAgenciesInterleave() {
        Map<String, List<ReunificationEvent>> byAgency = byAgency(EVENTS);
        List<List<ReunificationEvent>> interleavings = new ArrayList<>();
        for (long seed = 1; seed <= 2; seed++) {
            interleavings.add(shuffledInterleaving(byAgency, new Random(seed)));
        }
        List<List<ReunificationEvent>> reversedAgencies = new ArrayList<>(byAgency.values());
        Collections.reverse(reversedAgencies);
        interleavings.add(reversedAgencies.stream().flatMap(List::stream).toList());

        for (List<ReunificationEvent> interleaving : interleavings) {
            Counts national = fold(interleaving, i -> START + i * 1000).national();
            assertThat(national.deported()).isEqualTo(DEC2025.expectedDeported());
            assertThat(national.returned()).isEqualTo(DEC2025.expectedReturned());
        }
    }

    @Test
    void theNationalTotalsDoNotDependOnTheAppendTimes() {
        Random random = new Random(7);
        long[] shuffledTimes =
                random.longs(EVENTS.size(), START, START + 86_400_000L * 365).toArray();
        List<LongUnaryOperator> clocks =
                List.of(i -> START + (EVENTS.size() - i) * 1000, i -> shuffledTimes[(int) i], i -> START);

        for (LongUnaryOperator clock : clocks) {
            Counts national = fold(EVENTS, clock).national();
            assertThat(national.deported()).isEqualTo(DEC2025.expectedDeported());
            assertThat(national.returned()).isEqualTo(DEC2025.expectedReturned());
        }
    }

    @Test
    void aRandomScenarioFoldsToItsOwnExpectedTotals() {
        Scenario scenario = Scenario.random(1000, 42);

        Counts national = fold(scenario.events(), i -> START + i).national();

        assertThat(national.deported()).isEqualTo(scenario.expectedDeported()).isBetween(950L, 1000L);
        assertThat(national.returned()).isEqualTo(scenario.expectedReturned()).isBetween(60L, 130L);
        assertThat(scenario.name()).isEqualTo("random-1000");
    }

    // --- determinism

    @Test
    void theSameSeedGivesTheSameEvents() {
        assertThat(Scenario.dec2025(SEED).events()).isEqualTo(EVENTS);
        assertThat(Scenario.random(300, 9).events())
                .isEqualTo(Scenario.random(300, 9).events());
        assertThat(Scenario.random(300, 9).events())
                .isNotEqualTo(Scenario.random(300, 10).events());
    }

    // --- the events

    @Test
    void everyEventKeepsTheEventRules() {
        Instant firstMomentOf2026InKyiv = Instant.parse("2025-12-31T22:00:00Z");
        for (Instant now : List.of(firstMomentOf2026InKyiv, Instant.parse("2030-06-01T00:00:00Z"))) {
            List<String> violations = EVENTS.stream()
                    .flatMap(event -> EventRules.violation(event, now).map(v -> v + ": " + event).stream())
                    .toList();
            assertThat(violations).isEmpty();
        }
    }

    @Test
    void fiveAgenciesEachPublishTheirOwnEvents() {
        assertThat(DEC2025.agencies()).containsExactly("bring-kids-back", "nib", "national-police", "rchr", "yale-hrl");
        Map<String, List<ReunificationEvent>> byAgency = byAgency(EVENTS);
        assertThat(byAgency.keySet()).containsExactlyInAnyOrderElementsOf(DEC2025.agencies());
        byAgency.values().forEach(events -> assertThat(events).hasSizeGreaterThan(1000));
        assertThat(EVENTS).hasSizeBetween(28_000, 35_000);
    }

    @Test
    void idsArePseudonymousAndEachEventIdIsAgencyUnique() {
        Pattern caseId = Pattern.compile("c-[0-9a-f]{12}");
        Pattern eventId = Pattern.compile("(bkb|nib|np|rchr|yale)-[1-9][0-9]*");
        Map<String, Set<ReunificationEvent>> contents = new HashMap<>();
        assertThat(EVENTS)
                .allMatch(event -> caseId.matcher(event.getCaseId()).matches()
                        && eventId.matcher(event.getEventId()).matches()
                        && event.getEventId()
                                .startsWith(Agency.ALL.stream()
                                                .filter(a -> a.id().equals(event.getAgency()))
                                                .findFirst()
                                                .orElseThrow()
                                                .prefix()
                                        + "-"));
        for (ReunificationEvent event : EVENTS) {
            contents.computeIfAbsent(event.getAgency() + "/" + event.getEventId(), k -> new HashSet<>())
                    .add(event);
        }
        long reusedIds =
                contents.values().stream().filter(set -> set.size() > 1).count();
        assertThat(reusedIds).isEqualTo(conflictingDuplicates(EVENTS));
    }

    // --- the features

    @Test
    void severalAgenciesReportTheSameCaseSometimesInAnotherRegion() {
        Map<String, List<ReunificationEvent>> cases = byCase(EVENTS);
        long sharedCases = cases.values().stream()
                .filter(events -> reportingAgencies(events).size() >= 2)
                .count();
        long threeAgencies = cases.values().stream()
                .filter(events -> reportingAgencies(events).size() >= 3)
                .count();
        long movedCases = cases.values().stream()
                .filter(events -> reportingAgencies(events).size() >= 2)
                .filter(events -> events.stream()
                                .map(ScenarioTest::deportationRegion)
                                .filter(Objects::nonNull)
                                .distinct()
                                .count()
                        >= 2)
                .count();

        assertThat(sharedCases).isGreaterThan(4000);
        assertThat(threeAgencies).isGreaterThan(800);
        assertThat(movedCases).isGreaterThan(1000);
    }

    @Test
    void someEventsAreDeliveredTwiceAsTheVerySameObject() {
        assertThat(redeliveries(EVENTS)).isGreaterThan(500);
        assertThat(FOLDED.duplicates()).isEqualTo(redeliveries(EVENTS));
    }

    @Test
    void retractionsComeAfterTheirTargetAndSometimesBefore() {
        Map<String, Integer> firstReport = new HashMap<>();
        for (int i = EVENTS.size() - 1; i >= 0; i--) {
            ReunificationEvent event = EVENTS.get(i);
            if (!(event.getBody() instanceof ReportRetracted)) {
                firstReport.put(key(event.getAgency(), event.getCaseId(), event.getEventId()), i);
            }
        }
        int before = 0;
        int after = 0;
        Map<String, Long> reasons = new TreeMap<>();
        Set<ReunificationEvent> counted = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < EVENTS.size(); i++) {
            ReunificationEvent event = EVENTS.get(i);
            if (event.getBody() instanceof ReportRetracted retraction && counted.add(event)) {
                Integer target = firstReport.get(key(event.getAgency(), event.getCaseId(), retraction.getRetracts()));
                assertThat(target).as("target of %s", event).isNotNull();
                if (target < i) {
                    after++;
                } else {
                    before++;
                }
                reasons.merge(retraction.getReason().replaceAll("UA-\\d\\d", "UA-xx"), 1L, Long::sum);
            }
        }

        assertThat(before).isGreaterThan(150);
        assertThat(after).isGreaterThan(2 * before);
        assertThat(reasons).containsKeys("entered twice", "wrong region: the child was taken from UA-xx, not UA-xx");
    }

    @Test
    void casesWhoseEveryReportIsRetractedDoNotCount() {
        Map<String, List<ReunificationEvent>> cases = byCase(EVENTS);
        Folded folded = FOLDED;
        List<String> withdrawn = cases.entrySet().stream()
                .filter(entry -> everyReportRetracted(entry.getValue()))
                .map(Map.Entry::getKey)
                .toList();

        assertThat(withdrawn).hasSizeGreaterThan(400);
        assertThat(withdrawn)
                .noneMatch(caseId ->
                        folded.cases().state(caseId).summary().standing().deported());
        assertThat(cases.size() - withdrawn.size()).isEqualTo(DEC2025.expectedDeported());
    }

    @Test
    void returnsFollowTheirDeportationsOrStandAlone() {
        int afterDeportation = 0;
        int alone = 0;
        List<String> misdated = new ArrayList<>();
        for (List<ReunificationEvent> events : byCase(EVENTS).values()) {
            LocalDate lastDeportation = events.stream()
                    .map(ReunificationEvent::getBody)
                    .filter(DeportationReported.class::isInstance)
                    .map(b -> ((DeportationReported) b).getOccurredOn())
                    .max(LocalDate::compareTo)
                    .orElse(null);
            List<LocalDate> returns = events.stream()
                    .map(ReunificationEvent::getBody)
                    .filter(ReturnConfirmed.class::isInstance)
                    .map(b -> ((ReturnConfirmed) b).getOccurredOn())
                    .toList();
            if (returns.isEmpty()) {
                continue;
            }
            if (lastDeportation == null) {
                alone++;
            } else {
                afterDeportation++;
                returns.stream()
                        .filter(day -> !day.isAfter(lastDeportation))
                        .forEach(day -> misdated.add(day + " <= " + lastDeportation));
            }
            returns.stream().filter(day -> day.isAfter(LAST_DAY)).forEach(day -> misdated.add(day + " > " + LAST_DAY));
        }

        assertThat(misdated).isEmpty();
        assertThat(afterDeportation).isGreaterThan(1500);
        assertThat(alone).isGreaterThan(150);
    }

    @Test
    void aFewConflictingDuplicatesAreRefusedWithoutChangingTheTotals() {
        long conflicts = conflictingDuplicates(EVENTS);

        Folded folded = FOLDED;

        assertThat(conflicts).isBetween(20L, 150L);
        assertThat(folded.refusals().get(Refusal.CONFLICTING_DUPLICATE)).isEqualTo(conflicts);
        assertThat(folded.national().deported()).isEqualTo(DEC2025.expectedDeported());
    }

    @Test
    void deportationsGoMostlyToRussia() {
        Map<String, Long> destinations = EVENTS.stream()
                .map(ReunificationEvent::getBody)
                .filter(DeportationReported.class::isInstance)
                .map(b -> String.valueOf(((DeportationReported) b).getDestination()))
                .collect(Collectors.groupingBy(d -> d, TreeMap::new, Collectors.counting()));
        long all = destinations.values().stream().mapToLong(Long::longValue).sum();

        assertThat(destinations.keySet()).containsExactlyInAnyOrder("RU", "BY", "OCCUPIED", "KP", "null");
        assertThat(destinations.get("RU")).isGreaterThan(all * 7 / 10);
        assertThat(destinations.get("BY")).isGreaterThan(all / 30);
        assertThat(destinations.get("OCCUPIED")).isGreaterThan(all / 30);
        assertThat(destinations.get("null")).isGreaterThan(all / 30);
        assertThat(destinations.get("KP")).isBetween(1L, 40L);
    }

    @Test
    void mostCasesComeFromTheOccupiedAndFrontLineRegions() {
        Map<String, Counts> totals = FOLDED.totals();
        long national = totals.get("UA").deported();
        long front = Geography.FRONT.stream()
                .mapToLong(r -> totals.get(r).deported())
                .sum();
        long leastFront = Geography.FRONT.stream()
                .mapToLong(r -> totals.get(r).deported())
                .min()
                .orElseThrow();
        long mostSecond = Geography.SECOND_TIER.stream()
                .mapToLong(r -> totals.get(r).deported())
                .max()
                .orElseThrow();
        long leastSecond = Geography.SECOND_TIER.stream()
                .mapToLong(r -> totals.get(r).deported())
                .min()
                .orElseThrow();
        long mostElsewhere = Regions.all().stream()
                .map(r -> r.code())
                .filter(r -> !Geography.FRONT.contains(r) && !Geography.SECOND_TIER.contains(r))
                .mapToLong(r -> totals.getOrDefault(r, Counts.NONE).deported())
                .max()
                .orElseThrow();

        assertThat(front).isGreaterThan(national * 7 / 10);
        assertThat(leastFront).isGreaterThan(mostSecond);
        assertThat(leastSecond).isGreaterThan(mostElsewhere);
        assertThat(mostElsewhere).isPositive();
    }

    @Test
    void deportationsHappenedMostlyIn2022And2023AndNeverAfter2025() {
        List<DeportationReported> deportations = EVENTS.stream()
                .map(ReunificationEvent::getBody)
                .filter(DeportationReported.class::isInstance)
                .map(DeportationReported.class::cast)
                .toList();
        long in2022And2023 = deportations.stream()
                .filter(d ->
                        d.getOccurredOn().getYear() == 2022 || d.getOccurredOn().getYear() == 2023)
                .count();
        List<DeportationReported> before2022 = deportations.stream()
                .filter(d -> d.getOccurredOn().getYear() < 2022)
                .toList();

        assertThat(in2022And2023).isGreaterThan(deportations.size() * 8 / 10);
        assertThat(before2022).hasSizeGreaterThan(500);
        assertThat(before2022).allMatch(d -> Geography.OCCUPIED_SINCE_2014.contains(d.getRegion()));
        assertThat(deportations).noneMatch(d -> d.getOccurredOn().isAfter(LAST_DAY));
    }

    // --- folding, as the stream and the replay do

    private record Folded(Map<String, Counts> totals, CasesOnHeap cases, long duplicates, Map<Refusal, Long> refusals) {
        Counts national() {
            return totals.getOrDefault(Regions.NATIONAL_CODE, Counts.NONE);
        }
    }

    /**
     * The events as one topic partition per agency would hold them, the i-th appended at {@code reportedAtOfIndex(i)}.
     */
    private static Folded fold(List<ReunificationEvent> events, LongUnaryOperator reportedAtOfIndex) {
        Map<String, Counts> totals = new TreeMap<>();
        CasesOnHeap cases = new CasesOnHeap();
        long duplicates = 0;
        Map<Refusal, Long> refusals = new EnumMap<>(Refusal.class);
        for (int i = 0; i < events.size(); i++) {
            CaseRecord record =
                    new CaseRecord(CaseEvent.of(events.get(i)), new Position(reportedAtOfIndex.applyAsLong(i), 0, i));
            CaseFold.Step step = CaseFold.apply(cases, record, CaseLimits.DEFAULT);
            if (step.admission() == CaseFold.Admission.DUPLICATE) {
                duplicates++;
            }
            if (step.refused() != null) {
                refusals.merge(step.refused().code(), 1L, Long::sum);
            }
            step.lateRefusals().forEach(late -> refusals.merge(late.refused().code(), 1L, Long::sum));
            step.changes().forEach((region, change) -> totals.merge(region, change, Counts::plus));
        }
        return new Folded(totals, cases, duplicates, refusals);
    }

    // --- reading the history

    private static Map<String, List<ReunificationEvent>> byAgency(List<ReunificationEvent> events) {
        return events.stream()
                .collect(Collectors.groupingBy(ReunificationEvent::getAgency, LinkedHashMap::new, Collectors.toList()));
    }

    private static Map<String, List<ReunificationEvent>> byCase(List<ReunificationEvent> events) {
        return events.stream()
                .collect(Collectors.groupingBy(ReunificationEvent::getCaseId, LinkedHashMap::new, Collectors.toList()));
    }

    /** Each agency's events in its own order, the agencies interleaved at random. */
    private static List<ReunificationEvent> shuffledInterleaving(
            Map<String, List<ReunificationEvent>> byAgency, Random random) {
        List<String> slots = new ArrayList<>();
        byAgency.forEach((agency, events) -> slots.addAll(Collections.nCopies(events.size(), agency)));
        Collections.shuffle(slots, random);
        Map<String, Integer> next = new HashMap<>();
        List<ReunificationEvent> interleaving = new ArrayList<>(slots.size());
        for (String agency : slots) {
            interleaving.add(byAgency.get(agency).get(next.merge(agency, 1, Integer::sum) - 1));
        }
        return interleaving;
    }

    private static Set<String> reportingAgencies(List<ReunificationEvent> caseEvents) {
        return caseEvents.stream()
                .filter(e -> !(e.getBody() instanceof ReportRetracted))
                .map(ReunificationEvent::getAgency)
                .collect(Collectors.toSet());
    }

    private static String deportationRegion(ReunificationEvent event) {
        return event.getBody() instanceof DeportationReported d ? d.getRegion() : null;
    }

    private static boolean everyReportRetracted(List<ReunificationEvent> caseEvents) {
        Set<String> retracted = caseEvents.stream()
                .filter(e -> e.getBody() instanceof ReportRetracted)
                .map(e -> e.getAgency() + "/" + ((ReportRetracted) e.getBody()).getRetracts())
                .collect(Collectors.toSet());
        return caseEvents.stream()
                .filter(e -> !(e.getBody() instanceof ReportRetracted))
                .allMatch(e -> retracted.contains(e.getAgency() + "/" + e.getEventId()));
    }

    /** Events appearing more than once in the list as the very same object. */
    private static long redeliveries(List<ReunificationEvent> events) {
        Set<ReunificationEvent> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return events.stream().filter(event -> !seen.add(event)).count();
    }

    /** Events under an (agency, eventId, caseId) already used that say something else. */
    private static long conflictingDuplicates(List<ReunificationEvent> events) {
        Map<String, ReunificationEvent> first = new HashMap<>();
        return events.stream()
                .filter(event -> {
                    ReunificationEvent earlier =
                            first.putIfAbsent(key(event.getAgency(), event.getCaseId(), event.getEventId()), event);
                    return earlier != null && !earlier.equals(event);
                })
                .count();
    }

    private static String key(String agency, String caseId, String eventId) {
        return agency + "/" + caseId + "/" + eventId;
    }
}
