package org.reunify.streams.rules;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.reunify.schemas.EventRules;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tally;

/**
 * How one record moves the daily tallies, whatever the order in which the records are read: a day's figures are those
 * of the history as of the day's end (decision #34). A record can change how the history counts its case as of the
 * end of its own Kyiv day and of every later day on which the case has records, so a record read after later ones of
 * its case is worked out against the case as of each of those days. Each day's change is the difference from the
 * day before, since the summing stage adds a day's change to every later day's figures too.
 */
final class DayChanges {

    /** The Kyiv day a record was appended on, and its first and last millisecond. */
    record Day(LocalDate date, long start, long end) {

        boolean holds(long time) {
            return time >= start && time <= end;
        }
    }

    /** The day asked for last: the records of a stream or a replay come mostly from one day, or a few. */
    private static volatile Day lastDay = new Day(LocalDate.EPOCH, 0, -1);

    private DayChanges() {}

    /** The Kyiv day of an append time. */
    static Day dayOf(long time) {
        Day day = lastDay;
        if (!day.holds(time)) {
            LocalDate date = Tally.dayOf(time);
            day = new Day(date, startOf(date), startOf(date.plusDays(1)) - 1);
            lastDay = day;
        }
        return day;
    }

    /**
     * @param day    the Kyiv day of the record
     * @param before the case's state before the record, when some record of the case lies past that day; null when
     *               none does, and the standings as of the day's end are the current ones
     * @param after  the case's state after the record
     * @param was    its standing before the record, {@code now} after it
     * @return the changes by day, then by region and {@code UA}
     */
    static SortedMap<LocalDate, Map<String, Counts>> of(
            Day day, CaseState before, CaseState after, CaseRecord record, CaseStanding was, CaseStanding now) {
        SortedMap<LocalDate, Map<String, Counts>> days = new TreeMap<>();
        if (before == null) {
            put(days, day.date(), difference(was, now));
        } else {
            TreeSet<LocalDate> changeDays = new TreeSet<>();
            changeDays.add(day.date());
            before.forEachChangeTime(at -> addLater(changeDays, at, day.end()));
            after.forEachChangeTime(at -> addLater(changeDays, at, day.end()));
            Map<String, Counts> dayBefore = Map.of();
            for (LocalDate changeDay : changeDays) {
                long end = startOf(changeDay.plusDays(1)) - 1;
                Map<String, Counts> asOfEnd = difference(before.standingAsOf(end), after.standingAsOf(end));
                put(days, changeDay, minus(asOfEnd, dayBefore));
                dayBefore = asOfEnd;
            }
        }
        if (record.event().kind().isReport()) {
            // A day's updatedAt: the latest report naming the region (any region, for UA) appended by its end.
            Counts touch = new Counts(0, 0, record.position().reportedAt());
            Map<String, Counts> ofDay = days.computeIfAbsent(day.date(), d -> new TreeMap<>());
            ofDay.merge(record.event().region(), touch, Counts::plus);
            ofDay.merge(Regions.NATIONAL_CODE, touch, Counts::plus);
        }
        return days;
    }

    private static long startOf(LocalDate day) {
        return day.atStartOfDay(EventRules.PUBLICATION_ZONE).toInstant().toEpochMilli();
    }

    private static void addLater(TreeSet<LocalDate> days, long time, long after) {
        if (time > after) {
            days.add(Tally.dayOf(time));
        }
    }

    /** How the counts of each region and {@code UA} move when the case goes from one standing to the other. */
    private static Map<String, Counts> difference(CaseStanding from, CaseStanding to) {
        Map<String, Counts> changes = new HashMap<>();
        if (from.region() != null) {
            changes.merge(from.region(), Counts.NONE.minus(counted(from)), Counts::plus);
        }
        if (to.region() != null) {
            changes.merge(to.region(), counted(to), Counts::plus);
        }
        Counts national = Counts.NONE;
        for (Counts change : changes.values()) {
            national = national.plus(change);
        }
        changes.put(Regions.NATIONAL_CODE, national);
        changes.values().removeIf(Counts.NONE::equals);
        return changes;
    }

    private static Counts counted(CaseStanding standing) {
        return new Counts(standing.deported() ? 1 : 0, standing.returned() ? 1 : 0, Counts.NEVER);
    }

    private static Map<String, Counts> minus(Map<String, Counts> changes, Map<String, Counts> earlier) {
        Map<String, Counts> difference = new HashMap<>(changes);
        earlier.forEach((tally, counts) -> difference.merge(tally, Counts.NONE.minus(counts), Counts::plus));
        difference.values().removeIf(Counts.NONE::equals);
        return difference;
    }

    private static void put(
            SortedMap<LocalDate, Map<String, Counts>> days, LocalDate day, Map<String, Counts> changes) {
        if (!changes.isEmpty()) {
            days.put(day, new TreeMap<>(changes));
        }
    }
}
