package org.reunify.schemas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Listings of tallies as every command and file shows them: one row per region and UA, or per destination, sorted by
 * code.
 */
public final class Tallies {

    private Tallies() {}

    /**
     * All 27 regions and {@code UA}, sorted by region code: the known tallies as they are, every other region
     * as an empty tally, so that a listing never silently omits a region.
     */
    public static List<Tally> complete(Collection<Tally> known) {
        Map<String, Tally> byRegion = new HashMap<>();
        known.forEach(tally -> byRegion.put(tally.code(), tally));
        List<Tally> rows = new ArrayList<>();
        for (Region region : Regions.allWithNational()) {
            rows.add(byRegion.getOrDefault(region.code(), Tally.empty(region)));
        }
        rows.sort(Comparator.comparing(Tally::code));
        return rows;
    }

    /** Every destination seen, and {@code UNKNOWN} even when none of its cases counts, sorted by code. */
    public static List<Tally> completeDestinations(Collection<Tally> known) {
        Map<String, Tally> byCode = new HashMap<>();
        known.forEach(tally -> byCode.put(tally.code(), tally));
        byCode.computeIfAbsent(Destinations.UNKNOWN_CODE, code -> Tally.of(Breakdown.destination, code, 0, 0, null));
        List<Tally> rows = new ArrayList<>(byCode.values());
        rows.sort(Comparator.comparing(Tally::code));
        return rows;
    }

    /** Timeline entries as listings show them: sorted by month ({@code UNKNOWN} last), then region. */
    public static List<TimelineEntry> sortedTimeline(Collection<TimelineEntry> entries) {
        List<TimelineEntry> rows = new ArrayList<>(entries);
        rows.sort(Comparator.comparing(TimelineEntry::month).thenComparing(TimelineEntry::region));
        return rows;
    }

    /** Daily tallies as listings show them: sorted by date, then region. */
    public static List<Tally> sortedDaily(Collection<Tally> daily) {
        List<Tally> rows = new ArrayList<>(daily);
        rows.sort(Comparator.comparing(Tally::day).thenComparing(Tally::code));
        return rows;
    }
}
