package org.reunify.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.streams.rules.Counts;

/**
 * The daily tallies of a history: each region's tally at the end of every Kyiv day on which it changed. The rules
 * hand each record's change to every day's figures as the history stood at the day's end ({@code CaseFold.Step.days},
 * decision #34), so the sum of the changes of a day and every day before it is that day's tally, whatever order the
 * records were read in.
 */
final class DailySeries {

    /** Region, then day: the changes of that day. */
    private final Map<String, TreeMap<LocalDate, Counts>> changes = new TreeMap<>();

    /** @param days a record's changes, by day, then region */
    void add(SortedMap<LocalDate, Map<String, Counts>> days) {
        days.forEach((day, regions) -> regions.forEach((region, change) -> add(region, day, change)));
    }

    private void add(String region, LocalDate day, Counts change) {
        changes.computeIfAbsent(region, code -> new TreeMap<>()).merge(day, change, Counts::plus);
    }

    void addAll(DailySeries other) {
        other.changes.forEach((region, days) -> days.forEach((day, change) -> add(region, day, change)));
    }

    /** Sorted by date, then region: one per region and day on which the region's tally changed. */
    List<Tally> tallies() {
        List<Tally> tallies = new ArrayList<>();
        changes.forEach((region, days) -> {
            Counts atEndOfDay = Counts.NONE;
            for (Map.Entry<LocalDate, Counts> day : days.entrySet()) {
                Counts before = atEndOfDay;
                atEndOfDay = atEndOfDay.plus(day.getValue());
                // A day whose records changed nothing (refused or repeated ones) is no day of change.
                if (!atEndOfDay.equals(before)) {
                    tallies.add(atEndOfDay.toTally(region).on(day.getKey()));
                }
            }
        });
        return Tallies.sortedDaily(tallies);
    }
}
