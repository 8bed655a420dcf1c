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
        known.forEach(tally -> byRegion.put(tally.region(), tally));
        List<Tally> rows = new ArrayList<>();
        for (Region region : Regions.allWithNational()) {
            rows.add(byRegion.getOrDefault(region.code(), Tally.empty(region)));
        }
        rows.sort(Comparator.comparing(Tally::region));
        return rows;
    }

    /** Every destination seen, and {@code UNKNOWN} even when none of its cases counts, sorted by code. */
    public static List<DestinationTally> completeDestinations(Collection<DestinationTally> known) {
        Map<String, DestinationTally> byCode = new HashMap<>();
        known.forEach(tally -> byCode.put(tally.destination(), tally));
        byCode.computeIfAbsent(Destinations.UNKNOWN_CODE, code -> DestinationTally.of(code, 0, 0, null));
        List<DestinationTally> rows = new ArrayList<>(byCode.values());
        rows.sort(Comparator.comparing(DestinationTally::destination));
        return rows;
    }

    /** Timeline entries as listings show them: sorted by month ({@code UNKNOWN} last), then region. */
    public static List<TimelineEntry> sortedTimeline(Collection<TimelineEntry> entries) {
        List<TimelineEntry> rows = new ArrayList<>(entries);
        rows.sort(Comparator.comparing(TimelineEntry::month).thenComparing(TimelineEntry::region));
        return rows;
    }

    /** Daily tallies as listings show them: sorted by date, then region. */
    public static List<DailyTally> sortedDaily(Collection<DailyTally> daily) {
        List<DailyTally> rows = new ArrayList<>(daily);
        rows.sort(Comparator.comparing(DailyTally::date)
                .thenComparing(tally -> tally.tally().region()));
        return rows;
    }
}
