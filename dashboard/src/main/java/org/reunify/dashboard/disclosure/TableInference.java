package org.reunify.dashboard.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reader can work out about the hidden counts of one published table (every region and {@code UA}): for
 * each count, the least and the greatest value consistent with everything published. The reader's constraints are
 * the published counts ({@code "<K"} is 1 to K−1, {@code ">=K"} at least K, zero and exact counts as they are),
 * outstanding = deported − returned in every tally, and that each national count is the sum of the regional ones.
 *
 * <p>Each tally's possible (returned, outstanding) pairs form a polygon bounded only in returned, outstanding and
 * deported = their sum. Sums of such polygons are polygons of the same kind, bounded by the sums of their bounds,
 * so the range of every count follows from sums of bounds, with no search. The ranges are exact for integers too:
 * the constraints are those of a network flow (each tally's deported splits into returned and outstanding, and
 * each column adds up to the national count), whose matrix is totally unimodular, so every whole number between a
 * count's least and greatest value is the count in some whole-number solution.
 */
final class TableInference {

    /** The values a reader cannot rule out for one count: every whole number from lower to upper. */
    record Range(long lower, long upper) {

        boolean pinned() {
            return lower == upper;
        }
    }

    private TableInference() {}

    /** For each row of the table, in its order: the ranges of deported, returned and outstanding. */
    static List<List<Range>> ranges(List<PublishedTally> table) {
        Polygon national = null;
        List<Polygon> regions = new ArrayList<>();
        for (PublishedTally tally : table) {
            if (tally.national()) {
                national = Polygon.of(tally);
            } else {
                regions.add(Polygon.of(tally));
            }
        }
        if (national == null) {
            throw new IllegalArgumentException("a published table needs its national row");
        }
        List<List<Range>> ranges = new ArrayList<>();
        int region = 0;
        for (PublishedTally tally : table) {
            Polygon feasible;
            if (tally.national()) {
                feasible = national.meet(sumExcept(regions, -1));
            } else {
                feasible = regions.get(region).meet(national.minus(sumExcept(regions, region)));
                region++;
            }
            ranges.add(feasible.ranges());
        }
        return ranges;
    }

    /** A hidden count that a reader can pin to one value. */
    record Pin(String code, Measure measure) {}

    /**
     * Every hidden count of the table that a reader can pin to one value other than zero: a withheld count that can
     * only be zero reveals no child, and zero is shown as it is anyway.
     */
    static List<Pin> pins(List<PublishedTally> table) {
        List<Pin> pins = new ArrayList<>();
        List<List<Range>> ranges = ranges(table);
        for (int row = 0; row < table.size(); row++) {
            for (Measure measure : Measure.values()) {
                Range range = ranges.get(row).get(measure.ordinal());
                if (measure.of(table.get(row)).hidden() && range.pinned() && range.lower() != 0) {
                    pins.add(new Pin(table.get(row).code(), measure));
                }
            }
        }
        return pins;
    }

    private static Polygon sumExcept(List<Polygon> regions, int except) {
        Polygon sum = Polygon.ZERO;
        for (int i = 0; i < regions.size(); i++) {
            if (i != except) {
                sum = sum.plus(regions.get(i));
            }
        }
        return sum;
    }

    /**
     * Pairs (returned, outstanding) with each of returned, outstanding and deported within bounds; kept tight, so
     * that each bound is reached by some pair.
     */
    private record Polygon(long rl, long rh, long ol, long oh, long dl, long dh) {

        static final Polygon ZERO = new Polygon(0, 0, 0, 0, 0, 0);
        private static final long INF = PublishedCount.UNBOUNDED;

        static Polygon of(PublishedTally tally) {
            return new Polygon(
                            tally.returned().lower(),
                            tally.returned().upper(),
                            tally.outstanding().lower(),
                            tally.outstanding().upper(),
                            tally.deported().lower(),
                            tally.deported().upper())
                    .tight();
        }

        Polygon plus(Polygon other) {
            return new Polygon(
                    add(rl, other.rl),
                    add(rh, other.rh),
                    add(ol, other.ol),
                    add(oh, other.oh),
                    add(dl, other.dl),
                    add(dh, other.dh));
        }

        /** Every difference of a pair here and a pair there. */
        Polygon minus(Polygon other) {
            return new Polygon(
                    add(rl, -other.rh),
                    add(rh, -other.rl),
                    add(ol, -other.oh),
                    add(oh, -other.ol),
                    add(dl, -other.dh),
                    add(dh, -other.dl));
        }

        Polygon meet(Polygon other) {
            return new Polygon(
                            Math.max(rl, other.rl),
                            Math.min(rh, other.rh),
                            Math.max(ol, other.ol),
                            Math.min(oh, other.oh),
                            Math.max(dl, other.dl),
                            Math.min(dh, other.dh))
                    .tight();
        }

        List<Range> ranges() {
            return List.of(new Range(dl, dh), new Range(rl, rh), new Range(ol, oh));
        }

        /** Moves each bound in to the value some pair reaches; a second pass changes nothing, the loop checks. */
        private Polygon tight() {
            Polygon current = this;
            while (true) {
                Polygon next = new Polygon(
                        Math.max(current.rl, add(current.dl, -current.oh)),
                        Math.min(current.rh, add(current.dh, -current.ol)),
                        Math.max(current.ol, add(current.dl, -current.rh)),
                        Math.min(current.oh, add(current.dh, -current.rl)),
                        Math.max(current.dl, add(current.rl, current.ol)),
                        Math.min(current.dh, add(current.rh, current.oh)));
                if (next.equals(current)) {
                    return current;
                }
                if (next.rl > next.rh || next.ol > next.oh || next.dl > next.dh) {
                    throw new IllegalArgumentException("the published table contradicts itself");
                }
                current = next;
            }
        }

        /** Addition that stays within ±{@link #INF}: a bound that is unbounded stays so. */
        private static long add(long a, long b) {
            return Math.max(-INF, Math.min(INF, a + b));
        }
    }
}
