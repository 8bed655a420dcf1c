package org.reunify.dashboard.disclosure;

import java.util.stream.LongStream;
import org.reunify.schemas.Tally;

/**
 * Small-count suppression within one tally, for public outputs: which tallies must be hidden, and how a hidden
 * tally's counts read. Across tallies, {@link SuppressedTable} decides what else must be hidden.
 *
 * <p>A count from 1 to K−1 is published as {@code "<K"}. Because outstanding = deported − returned, hiding one of
 * the three would be undone by the other two (100 deported, 97 returned gives away 3 outstanding; 8 deported with
 * returned and outstanding both under 5 gives away 4 and 4). So a hidden tally shows none of its non-zero counts:
 * the others read {@code ">=K"}. Zero is shown as it is: it reveals no child.
 *
 * @param below K; 0 for none
 */
public record Suppression(int below) {

    public static final Suppression NONE = new Suppression(0);

    public Suppression {
        if (below != 0 && below < 2) {
            throw new IllegalArgumentException("suppression needs K >= 2 (counts 1 to K-1 are hidden), got " + below);
        }
    }

    public boolean active() {
        return below > 0;
    }

    /** Whether one of the tally's counts is from 1 to K−1, so that the tally must be hidden. */
    public boolean hasSmallCount(Tally tally) {
        return active()
                && LongStream.of(tally.deported(), tally.returned(), tally.outstanding())
                        .anyMatch(count -> count >= 1 && count < below);
    }

    /** A count of a hidden tally as published. */
    public PublishedCount hide(long count) {
        if (count == 0) {
            return PublishedCount.exact(0);
        }
        return count < below ? PublishedCount.below(below) : PublishedCount.atLeast(below);
    }
}
