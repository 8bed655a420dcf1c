package org.reunify.dashboard.disclosure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.reunify.schemas.EventRules;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;

/**
 * A complete table of tallies (every region and {@code UA}) as a public output publishes it. With suppression, no
 * count from 1 to K−1 can be worked out from the table ({@link TableInference} is the reader):
 *
 * <ol>
 *   <li>a tally with a count from 1 to K−1 is hidden ({@link Suppression}); the national one too, if it has one;
 *   <li>while a reader can still pin a hidden count to one value (national less the exact regions, with the other
 *       hidden counts' ranges), one more regional tally is hidden whole: the smallest that has children in a
 *       measure where a count is pinned, else the smallest with any; zero stays shown;
 *   <li>if every regional tally with children is hidden and a count is still pinned, the national tally is hidden
 *       too (its counts as {@code "<K"} or {@code ">=K"}): the headline gives way only in a table too small to
 *       publish otherwise;
 *   <li>if even that does not do (say four regions with one child each: zeros shown, each must be 1), the smallest
 *       tally with a pinned count is withheld ({@code null} counts: any number, zero too), and so on, with further
 *       complements where a withheld tally's counts would follow from the others.
 * </ol>
 *
 * <p>Times give changes away too: with suppression {@code updatedAt} is only the (Kyiv) day, and a hidden tally has
 * none, because the day on which a hidden tally last changed would tell a reader of two tables which hidden counts
 * stayed the same between them, and hence how much the others moved.
 */
public final class SuppressedTable {

    private final Suppression suppression;

    public SuppressedTable(Suppression suppression) {
        this.suppression = suppression;
    }

    public Suppression suppression() {
        return suppression;
    }

    /** The table as published, in its order; it must hold the national tally when suppression is on. */
    public List<PublishedTally> publish(List<Tally> table) {
        if (!suppression.active()) {
            return table.stream().map(SuppressedTable::exactly).toList();
        }
        return suppress(withNationalSum(table));
    }

    /**
     * The shares of the national tally as published, such as the destinations (rule 7) or the months of a measure
     * (rule 8): a table whose total is their sum, suppressed as the regions are, so that the exact national figure less
     * the shown shares gives no hidden one back. A table that could only be published by hiding its total, although
     * the total has no small count and so is shown exact with the regions, shows no share's counts at all.
     */
    public List<PublishedTally> publishShares(List<Tally> shares) {
        Tally total = Tally.of(
                Regions.NATIONAL_CODE,
                shares.stream().mapToLong(Tally::deported).sum(),
                shares.stream().mapToLong(Tally::returned).sum(),
                null);
        List<Tally> table = new ArrayList<>(shares);
        table.add(total);
        List<PublishedTally> published = publish(table);
        boolean totalGaveWay = !suppression.hasSmallCount(total)
                && published.stream().anyMatch(tally -> tally.national() && tally.hidden());
        return published.stream()
                .filter(tally -> !tally.national())
                .map(tally -> totalGaveWay ? tally.withheld() : tally)
                .toList();
    }

    private List<PublishedTally> suppress(List<Tally> table) {
        Set<String> hidden = new HashSet<>();
        Set<String> withheld = new HashSet<>();
        table.stream().filter(suppression::hasSmallCount).forEach(tally -> hidden.add(tally.code()));
        while (true) {
            List<PublishedTally> published = table.stream()
                    .map(tally -> withheld.contains(tally.code()) ? withheld(tally) : publish(tally, hidden))
                    .toList();
            List<TableInference.Pin> pins = TableInference.pins(published);
            if (pins.isEmpty()) {
                return published;
            }
            Set<Measure> pinned = EnumSet.noneOf(Measure.class);
            pins.forEach(pin -> pinned.add(pin.measure()));
            Optional<Tally> complement = complement(table, hidden, pinned);
            if (complement.isPresent()) {
                hidden.add(complement.get().code());
            } else {
                Set<String> pinnedRegions = new HashSet<>();
                pins.forEach(pin -> pinnedRegions.add(pin.code()));
                withheld.add(toWithhold(table, withheld, pinnedRegions).code());
            }
        }
    }

    /** A tally exactly as docs/DESIGN.md's JSON has it. */
    static PublishedTally exactly(Tally tally) {
        return shown(tally, TallyJson.format(tally.updatedAt()));
    }

    private PublishedTally publish(Tally tally, Set<String> hidden) {
        if (!hidden.contains(tally.code())) {
            return shown(tally, day(tally.updatedAt()));
        }
        return new PublishedTally(
                tally.by(),
                tally.code(),
                tally.name(),
                suppression.hide(tally.deported()),
                suppression.hide(tally.returned()),
                suppression.hide(tally.outstanding()),
                tally.isNational() ? day(tally.updatedAt()) : null);
    }

    private static PublishedTally shown(Tally tally, String updatedAt) {
        return new PublishedTally(
                tally.by(),
                tally.code(),
                tally.name(),
                PublishedCount.exact(tally.deported()),
                PublishedCount.exact(tally.returned()),
                PublishedCount.exact(tally.outstanding()),
                updatedAt);
    }

    private static PublishedTally withheld(Tally tally) {
        return new PublishedTally(
                tally.by(),
                tally.code(),
                tally.name(),
                PublishedCount.withheld(),
                PublishedCount.withheld(),
                PublishedCount.withheld(),
                tally.isNational() ? day(tally.updatedAt()) : null);
    }

    /**
     * The table with the national tally as the sum of the regional ones. The streams app hands national sums on a
     * moment after the regional changes, so a listing read meanwhile can disagree; the protection holds only if
     * the published national counts are the sum of the published regional ones, as they are once caught up.
     */
    private static List<Tally> withNationalSum(List<Tally> table) {
        long deported = table.stream()
                .filter(tally -> !tally.isNational())
                .mapToLong(Tally::deported)
                .sum();
        long returned = table.stream()
                .filter(tally -> !tally.isNational())
                .mapToLong(Tally::returned)
                .sum();
        return table.stream()
                .map(tally -> tally.isNational() ? tally.withCounts(deported, returned) : tally)
                .toList();
    }

    /** The next tally to hide: regional before national, those with children where a count is pinned first. */
    private static Optional<Tally> complement(List<Tally> table, Set<String> hidden, Set<Measure> pinned) {
        return table.stream()
                .filter(tally -> !hidden.contains(tally.code()) && tally.deported() > 0)
                .min(Comparator.comparing(Tally::isNational)
                        .thenComparing(tally -> pinned.stream().noneMatch(measure -> measure.of(tally) > 0))
                        .thenComparingLong(Tally::deported)
                        .thenComparing(Tally::code));
    }

    /**
     * The next tally to withhold: the smallest with a pinned count, regional before national; once those are all
     * withheld (a withheld count can still follow from the others), the smallest of the rest. With every tally
     * withheld nothing is left to pin, so this ends.
     */
    private static Tally toWithhold(List<Tally> table, Set<String> withheld, Set<String> pinned) {
        return table.stream()
                .filter(tally -> !withheld.contains(tally.code()))
                .min(Comparator.<Tally, Boolean>comparing(tally -> !pinned.contains(tally.code()))
                        .thenComparing(Tally::isNational)
                        .thenComparingLong(Tally::deported)
                        .thenComparing(Tally::code))
                .orElseThrow();
    }

    private static String day(Instant updatedAt) {
        return updatedAt == null
                ? null
                : LocalDate.ofInstant(updatedAt, EventRules.PUBLICATION_ZONE).toString();
    }
}
