package org.reunify.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.Tally;

/**
 * docs/DESIGN.md: every day's figures, like the totals, depend only on the history, not on the order in which anything
 * reads it; here a day's figures are the history as of the day's end (decision #34). Random histories over several Kyiv
 * days (copies, conflicting versions either side of each other, retractions of retractions, a report and a retraction
 * under one eventId, agencies past the limits) are folded in many orders, and the changes each record hands each day
 * must add up to the rules written plainly once per day ({@link HistoryOracle#asOfEveryDay}); the timeline to rule 8
 * written plainly ({@link HistoryOracle#timeline}).
 */
class DayChangesTest {

    private static final long SEVEN_HOURS = 7 * 3600_000L;

    @Test
    void everyDaysTalliesAreTheHistoryAsOfItsEndForAnyOrderOfReading() {
        Random random = new Random(20260101);
        RandomHistories histories = new RandomHistories(random);
        int laterRecordsFirst = 0;
        int overDays = 0;
        for (int trial = 0; trial < 600; trial++) {
            CaseLimits limits = limits(trial, random);
            List<CaseRecord> history = histories.generate(5 + random.nextInt(40), SEVEN_HOURS);
            SortedMap<LocalDate, Map<String, Counts>> expected = HistoryOracle.asOfEveryDay(history, limits);
            overDays += expected.size() > 1 ? 1 : 0;
            for (int order = 0; order < 4; order++) {
                List<CaseRecord> read = histories.shuffled(history);
                laterRecordsFirst += readsALaterDayFirst(read) ? 1 : 0;
                Days days = new Days(limits);
                read.forEach(days::fold);

                assertThat(days.series())
                        .as("trial %d, order %d, limits %s, history %s", trial, order, limits, history)
                        .isEqualTo(expected);
            }
        }
        assertThat(laterRecordsFirst)
                .as("orders that read a case's later day first")
                .isGreaterThan(1_000);
    }

    @Test
    void theTimelineIsRule8ForAnyOrderOfReading() {
        Random random = new Random(20260102);
        RandomHistories histories = new RandomHistories(random);
        for (int trial = 0; trial < 600; trial++) {
            CaseLimits limits = limits(trial, random);
            List<CaseRecord> history = histories.generate(5 + random.nextInt(40), SEVEN_HOURS);
            Map<String, Counts> expected = new HistoryOracle(history, limits).timeline();
            for (int order = 0; order < 4; order++) {
                Days days = new Days(limits);
                histories.shuffled(history).forEach(days::fold);

                assertThat(days.timeline)
                        .as("trial %d, order %d, limits %s, history %s", trial, order, limits, history)
                        .isEqualTo(expected);
            }
        }
    }

    /**
     * A reader may keep a past day's figures: once every record appended by the end of a day has been read, whatever
     * is read after it, in whatever order, hands no change to that day or any before it.
     */
    @Test
    void aPastDayNeverChangesOnceEveryRecordAppendedByItsEndHasBeenRead() {
        Random random = new Random(20260103);
        RandomHistories histories = new RandomHistories(random);
        int laterChanges = 0;
        for (int trial = 0; trial < 600; trial++) {
            CaseLimits limits = limits(trial, random);
            List<CaseRecord> history = histories.generate(5 + random.nextInt(40), SEVEN_HOURS);
            List<LocalDate> days = history.stream()
                    .map(DayChangesTest::day)
                    .distinct()
                    .sorted()
                    .toList();
            LocalDate past = days.get(random.nextInt(days.size()));
            List<CaseRecord> byThen = new ArrayList<>();
            List<CaseRecord> after = new ArrayList<>();
            histories.shuffled(history).forEach(record -> (day(record).isAfter(past) ? after : byThen).add(record));
            Days folding = new Days(limits);
            byThen.forEach(folding::fold);

            for (CaseRecord record : after) {
                SortedMap<LocalDate, Map<String, Counts>> changes = folding.fold(record);
                assertThat(changes.keySet())
                        .as("trial %d, %s read after every record of %s", trial, record, past)
                        .allSatisfy(changed -> assertThat(changed).isAfter(past));
                laterChanges += changes.size();
            }
        }
        assertThat(laterChanges)
                .as("records read after a past day that change later days")
                .isGreaterThan(1_000);
    }

    private static CaseLimits limits(int trial, Random random) {
        return trial % 2 == 0 ? CaseLimits.DEFAULT : new CaseLimits(1 + random.nextInt(3), 1 + random.nextInt(3));
    }

    private static LocalDate day(CaseRecord record) {
        return Tally.dayOf(record.position().reportedAt());
    }

    /** Whether some record is read before an earlier-appended one of its case that lies on an earlier day. */
    private static boolean readsALaterDayFirst(List<CaseRecord> read) {
        for (int i = 0; i < read.size(); i++) {
            for (int j = i + 1; j < read.size(); j++) {
                if (read.get(i).caseId().equals(read.get(j).caseId())
                        && day(read.get(j)).isBefore(day(read.get(i)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Folds records into cases on the heap, summing the changes handed to each day and to the timeline. */
    private static final class Days {
        private final CasesOnHeap cases = new CasesOnHeap();
        private final CaseLimits limits;
        private final Map<String, TreeMap<LocalDate, Counts>> changes = new TreeMap<>();
        final Map<String, Counts> timeline = new TreeMap<>();

        Days(CaseLimits limits) {
            this.limits = limits;
        }

        SortedMap<LocalDate, Map<String, Counts>> fold(CaseRecord record) {
            CaseFold.Step step = CaseFold.apply(cases, record, limits);
            step.days()
                    .forEach((day, regions) ->
                            regions.forEach((region, change) -> changes.computeIfAbsent(region, code -> new TreeMap<>())
                                    .merge(day, change, Counts::plus)));
            step.timelineChanges().forEach((month, change) -> timeline.merge(month, change, Counts::plus));
            timeline.values().removeIf(Counts.NONE::equals);
            return step.days();
        }

        /** Each region's tally at the end of every day on which it differs from the day before. */
        SortedMap<LocalDate, Map<String, Counts>> series() {
            SortedMap<LocalDate, Map<String, Counts>> series = new TreeMap<>();
            changes.forEach((region, days) -> {
                Counts atEnd = Counts.NONE;
                for (Map.Entry<LocalDate, Counts> day : days.entrySet()) {
                    Counts before = atEnd;
                    atEnd = atEnd.plus(day.getValue());
                    assertThat(atEnd.returned()).isNotNegative().isLessThanOrEqualTo(atEnd.deported());
                    if (!atEnd.equals(before)) {
                        series.computeIfAbsent(day.getKey(), d -> new TreeMap<>())
                                .put(region, atEnd);
                    }
                }
            });
            return series;
        }
    }
}
