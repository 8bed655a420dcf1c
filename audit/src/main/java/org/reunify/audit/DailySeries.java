package org.reunify.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.reunify.schemas.DailyTally;
import org.reunify.schemas.Tallies;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.CasesOnHeap;
import org.reunify.streams.rules.Counts;

/**
 * The daily tallies of a history: each region's tally at the end of every Kyiv day on which it changed. Each case's
 * records are folded in the order they were appended, and each change belongs to the Kyiv day of the record that made
 * it, so a day's tally is that of the history as of the day's end, whatever order the records were read in.
 */
final class DailySeries {

    /** Region, then day: the changes of that day. */
    private final Map<String, TreeMap<LocalDate, Counts>> changes = new TreeMap<>();

    /** @param cases each case's valid records, in any order */
    static DailySeries of(Collection<List<CaseRecord>> cases, CaseLimits limits) {
        DailySeries series = new DailySeries();
        cases.forEach(records -> series.addCase(records, limits));
        return series;
    }

    private void addCase(List<CaseRecord> records, CaseLimits limits) {
        List<CaseRecord> appended = new ArrayList<>(records);
        appended.sort(Comparator.comparing(CaseRecord::position));
        CasesOnHeap cases = new CasesOnHeap();
        for (CaseRecord record : appended) {
            LocalDate day = DailyTally.dayOf(record.position().reportedAt());
            CaseFold.apply(cases, record, limits).changes().forEach((region, change) -> add(region, day, change));
        }
    }

    private void add(String region, LocalDate day, Counts change) {
        changes.computeIfAbsent(region, code -> new TreeMap<>()).merge(day, change, Counts::plus);
    }

    void addAll(DailySeries other) {
        other.changes.forEach((region, days) -> days.forEach((day, change) -> add(region, day, change)));
    }

    /** Sorted by date, then region: one per region and day on which the region's tally changed. */
    List<DailyTally> tallies() {
        List<DailyTally> tallies = new ArrayList<>();
        changes.forEach((region, days) -> {
            Counts atEndOfDay = Counts.NONE;
            for (Map.Entry<LocalDate, Counts> day : days.entrySet()) {
                Counts before = atEndOfDay;
                atEndOfDay = atEndOfDay.plus(day.getValue());
                // A day whose records changed nothing (refused or repeated ones) is no day of change.
                if (!atEndOfDay.equals(before)) {
                    tallies.add(new DailyTally(day.getKey(), atEndOfDay.toTally(region)));
                }
            }
        });
        return Tallies.sortedDaily(tallies);
    }
}
