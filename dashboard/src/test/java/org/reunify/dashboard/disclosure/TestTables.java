package org.reunify.dashboard.disclosure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.reunify.schemas.Region;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;

/** Complete tables for the suppression tests: regions as given, every other region empty, UA their sum. */
public final class TestTables {

    static final Instant AT = Instant.parse("2025-12-03T16:04:32.117Z");

    private TestTables() {}

    /** From {@code "UA-14 10/2"}: region, deported, returned. */
    public static List<Tally> table(String... regions) {
        List<Tally> tallies = new ArrayList<>();
        for (String region : regions) {
            String[] parts = region.split("[ /]");
            tallies.add(Tally.of(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]), AT));
        }
        return withNational(tallies);
    }

    /** A random table: a few regions with children, mostly small counts for a threshold of {@code k}. */
    static List<Tally> random(Random random, int k) {
        List<Region> regions = new ArrayList<>(Regions.all());
        int withChildren = 1 + random.nextInt(6);
        List<Tally> tallies = new ArrayList<>();
        for (int i = 0; i < withChildren; i++) {
            Region region = regions.remove(random.nextInt(regions.size()));
            long deported = 1 + random.nextInt(random.nextBoolean() ? k : 3 * k);
            long returned = random.nextInt((int) deported + 1);
            tallies.add(Tally.of(region.code(), deported, returned, AT.plusSeconds(random.nextInt(86_400))));
        }
        return withNational(tallies);
    }

    static List<Tally> withNational(List<Tally> regional) {
        long deported = regional.stream().mapToLong(Tally::deported).sum();
        long returned = regional.stream().mapToLong(Tally::returned).sum();
        Instant latest = regional.stream()
                .map(Tally::updatedAt)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
        List<Tally> all = new ArrayList<>(regional);
        all.add(Tally.of(Regions.NATIONAL_CODE, deported, returned, latest));
        return Tallies.complete(all);
    }

    static PublishedTally row(List<PublishedTally> table, String region) {
        return table.stream()
                .filter(tally -> tally.code().equals(region))
                .findFirst()
                .orElseThrow();
    }

    /** Deported, returned and outstanding as the JSON shows them. */
    static List<String> counts(PublishedTally tally) {
        return tally.counts().stream().map(PublishedCount::text).toList();
    }
}
