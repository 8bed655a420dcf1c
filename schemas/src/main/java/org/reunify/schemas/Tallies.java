package org.reunify.schemas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Listings of tallies as every command and file shows them: one row per region and UA, sorted by code. */
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
}
