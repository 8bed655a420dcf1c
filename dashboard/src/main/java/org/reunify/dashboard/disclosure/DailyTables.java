package org.reunify.dashboard.disclosure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;

/**
 * A daily series: for each day, the complete table (every region and {@code UA}) as it stood at that day's end.
 *
 * <p>Published with suppression, each day's table is suppressed as a table of its own ({@link SuppressedTable}),
 * and that is enough: what links two days for a reader is only what is published, and nothing is. Counts can move
 * either way between days (a retraction takes a child out, a later report moves one between regions), so that a
 * region is exact one day and hidden the next, or that the national change equals a shown region's change, ties
 * no hidden count of one day to one of another; and no hidden tally carries the day it last changed, which would
 * tell a reader which hidden counts did not move. A reader who assumes that counts never go down is not covered:
 * see docs/decisions.md #39.
 */
public final class DailyTables {

    private DailyTables() {}

    /**
     * Each day from {@code from} to {@code to}: every tally as of its latest daily tally on or before that day, an
     * empty one before its first, as docs/DESIGN.md has readers carry them forward over days on which they did not
     * change.
     */
    public static SortedMap<LocalDate, List<Tally>> carryForward(
            Collection<Tally> daily, LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("the series starts (" + from + ") after it ends (" + to + ")");
        }
        List<Tally> byDate = new ArrayList<>(daily);
        byDate.sort(Comparator.comparing(Tally::day));
        Iterator<Tally> next = byDate.iterator();
        Tally pending = next.hasNext() ? next.next() : null;
        Map<String, Tally> standing = new HashMap<>();
        SortedMap<LocalDate, List<Tally>> series = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            while (pending != null && !pending.day().isAfter(day)) {
                standing.put(pending.code(), pending);
                pending = next.hasNext() ? next.next() : null;
            }
            series.put(day, Tallies.complete(standing.values()));
        }
        return series;
    }

    /** Each day's table as published, suppressed as a table of its own. */
    public static SortedMap<LocalDate, List<PublishedTally>> publish(
            SortedMap<LocalDate, List<Tally>> series, SuppressedTable table) {
        SortedMap<LocalDate, List<PublishedTally>> published = new TreeMap<>();
        series.forEach((day, tallies) -> published.put(day, table.publish(tallies)));
        return published;
    }
}
