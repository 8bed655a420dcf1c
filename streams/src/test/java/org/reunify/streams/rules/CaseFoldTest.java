package org.reunify.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.Refusal;

/** The counting rules one record at a time, as the stream and the replay apply them, in any order of reading. */
class CaseFoldTest {

    private static final LocalDate DAY = LocalDate.of(2022, 5, 1);

    @Test
    void aNewCaseStartsFromNothing() {
        Folding folding = new Folding(CaseLimits.DEFAULT);

        CaseFold.Step step = folding.fold(deportation("nib", "e-1", "UA-14"), at(10, 0, 0));

        assertThat(step.admission()).isEqualTo(CaseFold.Admission.ACCEPTED);
        assertThat(step.changes())
                .containsExactlyInAnyOrderEntriesOf(Map.of("UA-14", new Counts(1, 0, 10), "UA", new Counts(1, 0, 10)));
    }

    @Test
    void aPendingRetractionWithNoReportChangesNoTally() {
        CaseFold.Step step = new Folding(CaseLimits.DEFAULT).fold(retraction("nib", "e-2", "e-1"), at(10, 0, 0));

        assertThat(step.admission()).isEqualTo(CaseFold.Admission.ACCEPTED);
        assertThat(step.changes()).isEmpty();
    }

    @Test
    void theStandingNamesEveryRegionTheCaseWasEverReportedIn() {
        Folding folding = new Folding(CaseLimits.DEFAULT);
        folding.fold(deportation("nib", "e-1", "UA-14"), at(10, 0, 0));
        folding.fold(deportation("nib", "e-2", "UA-09"), at(20, 0, 1));
        folding.fold(retraction("nib", "e-3", "e-2"), at(30, 0, 2));

        CaseStanding standing = folding.cases.state("c-1").summary().standing();
        assertThat(standing.region()).isEqualTo("UA-14");
        assertThat(standing.namedRegions()).containsExactly("UA-09", "UA-14");
        assertThat(standing.updatedAt()).isEqualTo(30);
    }

    @Test
    void theDestinationIsThatOfTheDeportationReportThatDecidesTheRegion() {
        Folding folding = new Folding(CaseLimits.DEFAULT);
        folding.fold(deportation("nib", "e-1", "UA-14", "RU"), at(10, 0, 0));

        folding.fold(deportation("national-police", "p-1", "UA-09", "KP"), at(20, 0, 0));

        assertThat(folding.cases.state("c-1").summary().standing().destination())
                .isEqualTo("KP");
        assertThat(folding.destinationTotals)
                .containsExactlyInAnyOrderEntriesOf(Map.of("RU", new Counts(0, 0, 20), "KP", new Counts(1, 0, 20)));
    }

    @Test
    void aRetractionOfTheDecidingReportMovesTheCaseBackToTheEarlierDestination() {
        Folding folding = new Folding(CaseLimits.DEFAULT);
        folding.fold(deportation("nib", "e-1", "UA-14", "BY"), at(10, 0, 0));
        folding.fold(deportation("nib", "e-2", "UA-14", "KP"), at(20, 0, 1));

        folding.fold(retraction("nib", "e-3", "e-2"), at(30, 0, 2));

        assertThat(folding.destinationTotals)
                .containsExactlyInAnyOrderEntriesOf(Map.of("BY", new Counts(1, 0, 30), "KP", new Counts(0, 0, 30)));
    }

    @Test
    void aCaseDecidedByAReturnOrByADeportationNamingNoDestinationHasAnUnknownOne() {
        Folding unnamed = new Folding(CaseLimits.DEFAULT);
        unnamed.fold(deportation("nib", "e-1", "UA-14"), at(10, 0, 0));
        Folding returnOnly = new Folding(CaseLimits.DEFAULT);
        returnOnly.fold(
                new CaseEvent(
                        new EventRef("nib", "r-1"), "c-1", EventKind.RETURN_CONFIRMED, "UA-14", DAY, null, null, null),
                at(10, 0, 0));

        assertThat(unnamed.destinationTotals).containsExactlyEntriesOf(Map.of("UNKNOWN", new Counts(1, 0, 10)));
        assertThat(returnOnly.destinationTotals).containsExactlyEntriesOf(Map.of("UNKNOWN", new Counts(1, 1, 10)));
    }

    @Test
    void aCopyReadAfterTheEventIsIgnored() {
        Folding folding = new Folding(CaseLimits.DEFAULT);
        folding.fold(deportation("nib", "e-1", "UA-14"), at(10, 0, 0));

        CaseFold.Step copy = folding.fold(deportation("nib", "e-1", "UA-14"), at(20, 0, 1));

        assertThat(copy.admission()).isEqualTo(CaseFold.Admission.DUPLICATE);
        assertThat(copy.isHeld()).as("a later read may still refuse it").isTrue();
        assertThat(folding.totals.get("UA-14")).isEqualTo(new Counts(1, 0, 20));
    }

    @Test
    void anEventLiesWhereItsEarliestCopyLiesWhicheverCopyIsReadFirst() {
        Folding folding = new Folding(CaseLimits.DEFAULT);
        folding.fold(deportation("nib", "e-1", "UA-14"), at(50, 1, 0));
        folding.fold(deportation("national-police", "p-1", "UA-09"), at(40, 0, 0));
        assertThat(folding.cases.state("c-1").summary().standing().region())
                .as("nib's report seems the latest")
                .isEqualTo("UA-14");

        folding.fold(deportation("nib", "e-1", "UA-14"), at(30, 0, 7));

        assertThat(folding.cases.state("c-1").summary().standing().region())
                .as("nib's report was first appended at 30")
                .isEqualTo("UA-09");
        assertThat(folding.refused).isEmpty();
    }

    @Test
    void theEarliestOfTwoConflictingVersionsStandsEvenWhenReadSecond() {
        Folding folding = new Folding(CaseLimits.DEFAULT);
        folding.fold(deportation("nib", "e-1", "UA-09"), at(50, 1, 0));

        CaseFold.Step earlier = folding.fold(deportation("nib", "e-1", "UA-14"), at(30, 0, 0));

        assertThat(earlier.admission()).isEqualTo(CaseFold.Admission.ACCEPTED);
        assertThat(earlier.lateRefusals()).singleElement().satisfies(late -> {
            assertThat(late.position()).isEqualTo(at(50, 1, 0));
            assertThat(late.refused().code()).isEqualTo(Refusal.CONFLICTING_DUPLICATE);
        });
        assertThat(folding.totals.get("UA-14").deported()).isEqualTo(1);
        assertThat(folding.totals.get("UA-09").deported()).isZero();
    }

    /**
     * Departure from "a second copy is ignored" (decision #15): after a different version, a copy of the first is
     * refused.
     */
    @Test
    void aCopyLyingAfterAConflictingVersionIsRefusedToo() {
        Folding folding = new Folding(CaseLimits.DEFAULT);
        folding.fold(deportation("nib", "e-1", "UA-14"), at(10, 0, 0));
        folding.fold(deportation("nib", "e-1", "UA-09"), at(20, 0, 1));

        CaseFold.Step copy = folding.fold(deportation("nib", "e-1", "UA-14"), at(30, 0, 2));

        assertThat(copy.refused().code()).isEqualTo(Refusal.CONFLICTING_DUPLICATE);
        assertThat(folding.totals.get("UA-14").deported()).isEqualTo(1);
    }

    @Test
    void aRetractionOfARetractionIsRefusedWhenItComesSecond() {
        Folding folding = new Folding(CaseLimits.DEFAULT);
        folding.fold(deportation("nib", "e-1", "UA-14"), at(10, 0, 0));
        folding.fold(retraction("nib", "e-2", "e-1"), at(20, 0, 1));

        CaseFold.Step undo = folding.fold(retraction("nib", "e-3", "e-2"), at(30, 0, 2));

        assertThat(undo.refused().code()).isEqualTo(Refusal.RETRACTS_RETRACTION);
        assertThat(folding.totals.get("UA-14").deported()).isZero();
    }

    @Test
    void aRetractionOfARetractionIsRefusedWhenItComesFirst() {
        Folding folding = new Folding(CaseLimits.DEFAULT);
        folding.fold(deportation("nib", "e-1", "UA-14"), at(10, 0, 0));
        CaseFold.Step undo = folding.fold(retraction("nib", "e-3", "e-2"), at(20, 0, 1));
        assertThat(undo.admission()).as("its target is not known yet").isEqualTo(CaseFold.Admission.ACCEPTED);

        CaseFold.Step target = folding.fold(retraction("nib", "e-2", "e-1"), at(30, 0, 2));

        assertThat(target.lateRefusals())
                .singleElement()
                .satisfies(late -> assertThat(late.refused().code()).isEqualTo(Refusal.RETRACTS_RETRACTION));
        assertThat(folding.totals.get("UA-14").deported()).isZero();
    }

    @Test
    void anAgencysRecordsBeyondItsEventLimitAreRefused() {
        Folding folding = new Folding(new CaseLimits(2, 16));
        folding.fold(deportation("nib", "e-1", "UA-14"), at(10, 0, 0));
        folding.fold(deportation("nib", "e-2", "UA-14"), at(20, 0, 1));

        CaseFold.Step third = folding.fold(deportation("nib", "e-3", "UA-09"), at(30, 0, 2));
        CaseFold.Step lateCopy = folding.fold(deportation("nib", "e-1", "UA-14"), at(40, 0, 3));

        assertThat(third.refused().code()).isEqualTo(Refusal.CASE_LIMIT);
        assertThat(third.isHeld()).isFalse();
        assertThat(lateCopy.refused().code())
                .as("two other events lie before it")
                .isEqualTo(Refusal.CASE_LIMIT);
        assertThat(folding.totals.get("UA-09").deported()).isZero();
    }

    @Test
    void anEarlierRecordReadLatePushesTheLastEventBeyondTheLimit() {
        Folding folding = new Folding(new CaseLimits(2, 16));
        folding.fold(deportation("nib", "e-2", "UA-14"), at(20, 1, 0));
        folding.fold(deportation("nib", "e-3", "UA-09"), at(30, 1, 1));
        assertThat(folding.cases.state("c-1").summary().standing().region()).isEqualTo("UA-09");

        CaseFold.Step earliest = folding.fold(deportation("nib", "e-1", "UA-14"), at(10, 0, 0));

        assertThat(earliest.lateRefusals()).singleElement().satisfies(late -> {
            assertThat(late.position()).isEqualTo(at(30, 1, 1));
            assertThat(late.refused().code()).isEqualTo(Refusal.CASE_LIMIT);
        });
        assertThat(folding.cases.state("c-1").summary().standing().region()).isEqualTo("UA-14");
    }

    @Test
    void copiesBeyondTheRecordLimitOfAnEventAreRefused() {
        Folding folding = new Folding(new CaseLimits(32, 2));
        folding.fold(deportation("nib", "e-1", "UA-14"), at(10, 0, 0));
        folding.fold(deportation("nib", "e-1", "UA-14"), at(20, 0, 1));

        CaseFold.Step third = folding.fold(deportation("nib", "e-1", "UA-14"), at(30, 0, 2));

        assertThat(third.refused().code()).isEqualTo(Refusal.CASE_LIMIT);
        assertThat(folding.totals.get("UA-14").deported()).isEqualTo(1);
    }

    @Test
    void anAgencyAtItsLimitCannotCrowdAnotherOutOfACase() {
        Folding folding = new Folding(new CaseLimits(2, 2));
        for (int i = 1; i <= 50; i++) {
            folding.fold(retraction("nib", "x-" + i, "nothing-" + i), at(i, 0, i));
        }

        CaseFold.Step police = folding.fold(deportation("national-police", "p-1", "UA-43"), at(60, 0, 0));

        assertThat(police.admission()).isEqualTo(CaseFold.Admission.ACCEPTED);
        assertThat(folding.totals.get("UA-43").deported()).isEqualTo(1);
    }

    @Test
    void aFloodedAgencysShareOfACaseStaysWithinTheLimits() {
        CaseLimits limits = new CaseLimits(4, 3);
        Folding folding = new Folding(limits);
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            folding.fold(
                    deportation("nib", "e-" + random.nextInt(50), "UA-14"),
                    at(random.nextInt(1_000), random.nextInt(3), i));
        }

        AgencyShare share = folding.cases.state("c-1").share("nib");
        assertThat(share.slots()).hasSizeLessThanOrEqualTo(limits.eventsPerAgency() + 1);
        assertThat(share.slots())
                .allSatisfy(slot -> assertThat(slot.kept()).hasSizeLessThanOrEqualTo(limits.recordsPerEvent()));
    }

    /**
     * docs/DESIGN.md: the tallies and the set of refused records depend only on the history, not on the order in which
     * anything reads it. Random histories (records of one agency about one case in several partitions, copies and
     * conflicting versions either side of each other, retractions of retractions, agencies past the limits) are folded
     * in many orders; each order must give the tallies and the refusals of the plainly written {@link HistoryOracle}.
     * A record that breaks two rules may carry either reason, whichever its reading found first (decision #15).
     */
    @Test
    void talliesAndRefusalsDoNotDependOnTheOrderOfReading() {
        Random random = new Random(20251203);
        RandomHistories histories = new RandomHistories(random);
        Map<Refusal, Integer> seen = new TreeMap<>();
        int lateRefusals = 0;
        for (int trial = 0; trial < 1_500; trial++) {
            CaseLimits limits =
                    trial % 2 == 0 ? CaseLimits.DEFAULT : new CaseLimits(1 + random.nextInt(3), 1 + random.nextInt(3));
            List<CaseRecord> history = histories.generate(5 + random.nextInt(40));
            HistoryOracle oracle = new HistoryOracle(history, limits);
            for (int order = 0; order < 4; order++) {
                Folding folding = new Folding(limits);
                histories.shuffled(history).forEach(record -> folding.fold(record.event(), record.position()));
                String context = "trial " + trial + ", order " + order + ", limits " + limits + ", history " + history;

                assertThat(folding.totals).as(context).isEqualTo(oracle.tallies());
                assertThat(folding.destinationTotals).as(context).isEqualTo(oracle.destinationTallies());
                assertThat(folding.refused.keySet())
                        .as(context)
                        .isEqualTo(oracle.refused().keySet());
                folding.refused.forEach((record, code) ->
                        assertThat(oracle.causes(record)).as(context).contains(code));
                folding.refused.values().forEach(code -> seen.merge(code, 1, Integer::sum));
                lateRefusals += folding.lateRefusals;
            }
        }
        assertThat(seen)
                .as("the histories hold every refusal of the rules")
                .containsKeys(Refusal.CONFLICTING_DUPLICATE, Refusal.RETRACTS_RETRACTION, Refusal.CASE_LIMIT);
        assertThat(lateRefusals)
                .as("and records refused only once an earlier-lying one was read")
                .isGreaterThan(1_000);
    }

    /** Folds records into in-memory cases, summing their changes and noting every refusal, late ones included. */
    private static final class Folding {
        final CasesOnHeap cases = new CasesOnHeap();
        final Map<String, Counts> totals = new TreeMap<>();
        final Map<String, Counts> destinationTotals = new TreeMap<>();
        final Map<CaseRecord, Refusal> refused = new HashMap<>();
        int lateRefusals;
        private final Map<String, CaseRecord> read = new HashMap<>();
        private final CaseLimits limits;

        Folding(CaseLimits limits) {
            this.limits = limits;
        }

        CaseFold.Step fold(CaseEvent event, Position position) {
            CaseRecord record = new CaseRecord(event, position);
            read.put(record.agency() + position, record);
            CaseFold.Step step = CaseFold.apply(cases, record, limits);
            if (step.refused() != null) {
                refused.put(record, step.refused().code());
            }
            for (LateRefusal late : step.lateRefusals()) {
                CaseRecord earlier = read.get(record.agency() + late.position());
                assertThat(refused).as("a record is refused once").doesNotContainKey(earlier);
                refused.put(earlier, late.refused().code());
                lateRefusals++;
            }
            step.changes().forEach((region, change) -> totals.merge(region, change, Counts::plus));
            step.destinationChanges()
                    .forEach((destination, change) -> destinationTotals.merge(destination, change, Counts::plus));
            totals.values().forEach(counts -> {
                assertThat(counts.deported()).isNotNegative();
                assertThat(counts.returned()).isNotNegative().isLessThanOrEqualTo(counts.deported());
            });
            return step;
        }
    }

    private static Position at(long reportedAt, int partition, long offset) {
        return new Position(reportedAt, partition, offset);
    }

    static CaseEvent deportation(String agency, String eventId, String region) {
        return deportation(agency, eventId, region, null);
    }

    static CaseEvent deportation(String agency, String eventId, String region, String destination) {
        return new CaseEvent(
                new EventRef(agency, eventId),
                "c-1",
                EventKind.DEPORTATION_REPORTED,
                region,
                DAY,
                destination,
                null,
                null);
    }

    static CaseEvent retraction(String agency, String eventId, String retracts) {
        return new CaseEvent(
                new EventRef(agency, eventId), "c-1", EventKind.REPORT_RETRACTED, null, null, null, retracts, "why");
    }
}
