package org.reunify.dashboard.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The adversary of the suppression tests: a reader who knows the rules and searches, by backtracking over every
 * whole-number value the published text allows, for the tables consistent with what was published. It shares no
 * code with {@link TableInference}: its only pruning is that what is left of a column must still fit.
 *
 * <p>What it uses: each published count's range ({@code "<K"} 1 to K−1, {@code ">=K"} at least K, zero and exact
 * counts as they are), outstanding = deported − returned in every tally, each national count the sum of the
 * regional ones, and, across consecutive tables, that a tally whose published {@code updatedAt} is the same on both
 * days did not change. It does not assume that counts never go down.
 */
final class ExhaustiveReader {

    /** A hidden count: its table (0 for the first), its row's region and the measure. */
    record Cell(int table, String region, Measure measure) {}

    /** A tally whose counts are unknown to the reader. */
    private static final class Unknown {
        final int table;
        final PublishedTally tally;
        final long[] lower = new long[3];
        final long[] upper = new long[3];
        int sameAs = -1;

        Unknown(int table, PublishedTally tally, long cap) {
            this.table = table;
            this.tally = tally;
            for (Measure measure : Measure.values()) {
                lower[measure.ordinal()] = measure.of(tally).lower();
                upper[measure.ordinal()] = Math.min(cap, measure.of(tally).upper());
            }
        }

        /** Known after all: it did not change from (or to) a day on which it was shown exactly. */
        void isExactly(PublishedTally shown) {
            for (Measure measure : Measure.values()) {
                lower[measure.ordinal()] = measure.of(shown).value();
                upper[measure.ordinal()] = measure.of(shown).value();
            }
        }
    }

    private final List<List<PublishedTally>> tables;
    private final List<Unknown> unknowns = new ArrayList<>();
    /** Per table: the national bounds per measure, less the exact regional counts. */
    private final List<long[][]> remainders = new ArrayList<>();

    private ExhaustiveReader(List<List<PublishedTally>> tables) {
        this.tables = tables;
        for (int t = 0; t < tables.size(); t++) {
            List<PublishedTally> table = tables.get(t);
            long cap = cap(table);
            PublishedTally national =
                    table.stream().filter(PublishedTally::national).findFirst().orElseThrow();
            long[][] remainder = new long[3][2];
            for (Measure measure : Measure.values()) {
                long exact = table.stream()
                        .filter(tally -> !tally.national() && !measure.of(tally).hidden())
                        .mapToLong(tally -> measure.of(tally).value())
                        .sum();
                remainder[measure.ordinal()][0] = measure.of(national).lower() - exact;
                remainder[measure.ordinal()][1] =
                        Math.min(cap, measure.of(national).upper()) - exact;
            }
            remainders.add(remainder);
            for (PublishedTally tally : table) {
                if (!tally.national() && tally.hidden()) {
                    unknowns.add(new Unknown(t, tally, cap));
                }
            }
        }
        unknowns.forEach(this::linkToTheDayBefore);
    }

    /**
     * The hidden counts of one table that a reader can pin to one value other than zero (a count that can only be
     * zero reveals no child), with that value.
     */
    static Map<Cell, Long> pinned(List<PublishedTally> table) {
        return pinnedAcross(List.of(table));
    }

    /** The hidden counts of consecutive tables that a reader of all of them can pin to one non-zero value. */
    static Map<Cell, Long> pinnedAcross(List<List<PublishedTally>> tables) {
        return new ExhaustiveReader(tables).pinned();
    }

    private Map<Cell, Long> pinned() {
        Map<Cell, Long> pinned = new LinkedHashMap<>();
        for (int t = 0; t < tables.size(); t++) {
            for (PublishedTally tally : tables.get(t)) {
                for (Measure measure : Measure.values()) {
                    if (measure.of(tally).hidden()) {
                        Cell cell = new Cell(t, tally.code(), measure);
                        Long first = solve(cell, null);
                        if (first == null) {
                            throw new AssertionError("no table is consistent with what was published: " + cell);
                        }
                        if (first != 0 && solve(cell, first) == null) {
                            pinned.put(cell, first);
                        }
                    }
                }
            }
        }
        return pinned;
    }

    /** The value of {@code cell} in some consistent assignment where it is not {@code not}; null if there is none. */
    private Long solve(Cell cell, Long not) {
        long[][] values = new long[unknowns.size()][3];
        long[][] sums = new long[tables.size()][3];
        return search(0, values, sums, cell, not);
    }

    private Long search(int index, long[][] values, long[][] sums, Cell cell, Long not) {
        if (index == unknowns.size()) {
            return complete(values, sums, cell, not);
        }
        Unknown unknown = unknowns.get(index);
        long[][] remainder = remainders.get(unknown.table);
        long[] restLower = new long[3];
        long[] restUpper = new long[3];
        for (int j = index + 1; j < unknowns.size() && unknowns.get(j).table == unknown.table; j++) {
            for (int m = 0; m < 3; m++) {
                restLower[m] += bound(unknowns.get(j), values, m, true);
                restUpper[m] += bound(unknowns.get(j), values, m, false);
            }
        }
        long[] lo = new long[3];
        long[] hi = new long[3];
        for (int m = 0; m < 3; m++) {
            long[] column = sums[unknown.table];
            lo[m] = Math.max(bound(unknown, values, m, true), remainder[m][0] - column[m] - restUpper[m]);
            hi[m] = Math.min(bound(unknown, values, m, false), remainder[m][1] - column[m] - restLower[m]);
        }
        int r = Measure.RETURNED.ordinal();
        int o = Measure.OUTSTANDING.ordinal();
        int d = Measure.DEPORTED.ordinal();
        for (long returned = lo[r]; returned <= hi[r]; returned++) {
            for (long outstanding = lo[o]; outstanding <= hi[o]; outstanding++) {
                long deported = returned + outstanding;
                if (deported < lo[d] || deported > hi[d]) {
                    continue;
                }
                long[] chosen = {deported, returned, outstanding};
                if (isCell(unknown, cell)
                        && not != null
                        && chosen[cell.measure().ordinal()] == not) {
                    continue;
                }
                values[index] = chosen;
                for (int m = 0; m < 3; m++) {
                    sums[unknown.table][m] += chosen[m];
                }
                Long found = search(index + 1, values, sums, cell, not);
                for (int m = 0; m < 3; m++) {
                    sums[unknown.table][m] -= chosen[m];
                }
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private Long complete(long[][] values, long[][] sums, Cell cell, Long not) {
        for (int t = 0; t < tables.size(); t++) {
            for (int m = 0; m < 3; m++) {
                if (sums[t][m] < remainders.get(t)[m][0]
                        || sums[t][m] > remainders.get(t)[m][1]) {
                    return null;
                }
            }
        }
        for (int i = 0; i < unknowns.size(); i++) {
            if (isCell(unknowns.get(i), cell)) {
                return values[i][cell.measure().ordinal()];
            }
        }
        PublishedTally national = tables.get(cell.table()).stream()
                .filter(PublishedTally::national)
                .findFirst()
                .orElseThrow();
        long value = sums[cell.table()][cell.measure().ordinal()]
                + cell.measure().of(national).lower()
                - remainders.get(cell.table())[cell.measure().ordinal()][0];
        return not != null && value == not ? null : value;
    }

    /** A count's bound: its own, or the value it must keep from the day before. */
    private long bound(Unknown unknown, long[][] values, int measure, boolean lower) {
        if (unknown.sameAs >= 0) {
            return values[unknown.sameAs][measure];
        }
        return lower ? unknown.lower[measure] : unknown.upper[measure];
    }

    private static boolean isCell(Unknown unknown, Cell cell) {
        return unknown.table == cell.table() && unknown.tally.code().equals(cell.region());
    }

    /**
     * A tally whose published {@code updatedAt} is the same on two consecutive days did not change between them: the
     * reader takes its exact counts from a day on which it was shown, or makes it one unknown over both days.
     */
    private void linkToTheDayBefore(Unknown unknown) {
        if (unknown.tally.updatedAt() == null) {
            return;
        }
        for (int t : new int[] {unknown.table - 1, unknown.table + 1}) {
            if (t < 0 || t >= tables.size()) {
                continue;
            }
            tables.get(t).stream()
                    .filter(tally -> tally.code().equals(unknown.tally.code())
                            && unknown.tally.updatedAt().equals(tally.updatedAt())
                            && !tally.hidden())
                    .findFirst()
                    .ifPresent(unknown::isExactly);
        }
        for (int i = 0; i < unknowns.size(); i++) {
            Unknown earlier = unknowns.get(i);
            if (earlier.table == unknown.table - 1
                    && earlier.tally.code().equals(unknown.tally.code())
                    && unknown.tally.updatedAt().equals(earlier.tally.updatedAt())) {
                unknown.sameAs = i;
            }
        }
    }

    /**
     * Where {@code ">=K"} is cut off: above any national count, so no solution is lost while the national counts are
     * exact; with a hidden national count, cutting can only make the reader look stronger than it is.
     */
    private static long cap(List<PublishedTally> table) {
        long largest = table.stream()
                .flatMap(tally -> tally.counts().stream())
                .mapToLong(count -> count.kind() == PublishedCount.Kind.WITHHELD ? 0 : count.value())
                .max()
                .orElse(0);
        return 4 * largest + 40;
    }
}
