package org.reunify.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class CaseFoldTest {

    private static final LocalDate DAY = LocalDate.of(2022, 5, 1);
    private static final String[] REGIONS = {"UA-09", "UA-14", "UA-23", "UA-65"};

    @Test
    void aNewCaseStartsFromNothing() {
        CaseFold.Step step = CaseFold.apply(null, deportation("nib", "e-1", "UA-14", 10));

        assertThat(step.admission()).isEqualTo(Admission.ACCEPTED);
        assertThat(step.history().events()).hasSize(1);
        assertThat(step.changes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "UA-14", new Counts(1, 0, 10), "UA", new Counts(1, 0, 10)));
    }

    @Test
    void aRefusedEventLeavesTheHistoryAsItWas() {
        CaseHistory history = CaseFold.apply(null, deportation("nib", "e-1", "UA-14", 10)).history();

        CaseFold.Step step = CaseFold.apply(history, deportation("nib", "e-1", "UA-09", 20));

        assertThat(step.admission()).isEqualTo(Admission.CONFLICTING_DUPLICATE);
        assertThat(step.history()).isEqualTo(history);
        assertThat(step.changes()).isEmpty();
    }

    @Test
    void aPendingRetractionWithNoReportChangesNoTally() {
        CaseFold.Step step = CaseFold.apply(null, retraction("nib", "e-2", "e-1", 10));

        assertThat(step.admission()).isEqualTo(Admission.ACCEPTED);
        assertThat(step.changes()).isEmpty();
    }

    @Test
    void theStandingNamesEveryRegionTheCaseWasEverReportedIn() {
        CaseHistory history = fold(List.of(
                deportation("nib", "e-1", "UA-14", 10),
                deportation("nib", "e-2", "UA-09", 20),
                retraction("nib", "e-3", "e-2", 30)));

        CaseStanding standing = history.standing();
        assertThat(standing.region()).isEqualTo("UA-14");
        assertThat(standing.namedRegions()).containsExactly("UA-09", "UA-14");
        assertThat(standing.updatedAt()).isEqualTo(30);
    }

    /**
     * DESIGN.md: the totals depend only on the set of events and their append times, not on the order in which
     * agency topics happen to be read. Each agency's own events keep their order (one partition per case); any
     * interleaving of agencies must give the same totals, and no interleaving may pass through a negative one.
     */
    @Test
    void totalsDoNotDependOnHowAgenciesInterleave() {
        Random random = new Random(20251203);
        for (int trial = 0; trial < 2_000; trial++) {
            Map<String, List<CaseEvent>> byAgency = randomHistory(random);
            Map<String, Counts> expected = null;
            for (int order = 0; order < 6; order++) {
                Map<String, Counts> totals = totals(interleave(byAgency, random));
                if (expected == null) {
                    expected = totals;
                }
                assertThat(totals).as("trial %d, interleaving %d of %s", trial, order, byAgency).isEqualTo(expected);
            }
        }
    }

    private static Map<String, Counts> totals(List<CaseEvent> events) {
        Map<String, Counts> totals = new TreeMap<>();
        CaseHistory history = null;
        for (CaseEvent event : events) {
            CaseFold.Step step = CaseFold.apply(history, event);
            history = step.history();
            step.changes().forEach((region, change) -> totals.merge(region, change, Counts::plus));
            totals.values().forEach(counts -> {
                assertThat(counts.deported()).isNotNegative();
                assertThat(counts.returned()).isNotNegative().isLessThanOrEqualTo(counts.deported());
            });
        }
        return totals;
    }

    private static Map<String, List<CaseEvent>> randomHistory(Random random) {
        Map<String, List<CaseEvent>> byAgency = new TreeMap<>();
        for (String agency : List.of("a", "b", "c")) {
            List<CaseEvent> events = new ArrayList<>();
            int count = random.nextInt(5);
            for (int i = 0; i < count; i++) {
                String eventId = "e" + random.nextInt(4);
                long at = random.nextInt(6);
                String region = REGIONS[random.nextInt(REGIONS.length)];
                events.add(switch (random.nextInt(4)) {
                    case 0 -> returned(agency, eventId, region, at);
                    case 1 -> retraction(agency, eventId, "e" + random.nextInt(4), at);
                    default -> deportation(agency, eventId, region, at);
                });
            }
            byAgency.put(agency, events);
        }
        return byAgency;
    }

    private static List<CaseEvent> interleave(Map<String, List<CaseEvent>> byAgency, Random random) {
        List<Deque<CaseEvent>> queues = new ArrayList<>();
        byAgency.values().forEach(events -> queues.add(new ArrayDeque<>(events)));
        List<CaseEvent> merged = new ArrayList<>();
        while (queues.stream().anyMatch(queue -> !queue.isEmpty())) {
            Deque<CaseEvent> queue = queues.get(random.nextInt(queues.size()));
            if (!queue.isEmpty()) {
                merged.add(queue.poll());
            }
        }
        return merged;
    }

    private static CaseHistory fold(List<CaseEvent> events) {
        Map<String, CaseHistory> cases = new HashMap<>();
        events.forEach(event -> cases.put(event.caseId(), CaseFold.apply(cases.get(event.caseId()), event).history()));
        return cases.get("c-1");
    }

    static CaseEvent deportation(String agency, String eventId, String region, long at) {
        return new CaseEvent(new EventRef(agency, eventId), "c-1", EventKind.DEPORTATION_REPORTED, region, DAY, null, null, null, at);
    }

    static CaseEvent returned(String agency, String eventId, String region, long at) {
        return new CaseEvent(new EventRef(agency, eventId), "c-1", EventKind.RETURN_CONFIRMED, region, DAY, null, null, null, at);
    }

    static CaseEvent retraction(String agency, String eventId, String retracts, long at) {
        return new CaseEvent(new EventRef(agency, eventId), "c-1", EventKind.REPORT_RETRACTED, null, null, null, retracts, "why", at);
    }
}
