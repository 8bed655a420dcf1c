package org.reunify.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.LongStream;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.TallyRow;

/**
 * Small-count suppression for public screens: no count from 1 to K−1 is shown, nor can one be worked out from a
 * tally's other counts.
 *
 * <p>A count from 1 to K−1 is published as {@code "<K"}. Because outstanding = deported − returned, hiding one of
 * the three would be undone by the other two (100 deported, 97 returned gives away 3 outstanding; 8 deported with
 * returned and outstanding both under 5 gives away 4 and 4). So once any of a tally's counts is hidden, its other
 * non-zero counts are published only as {@code ">=K"}. Zero is shown as it is: it reveals no child.
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

    /** The tally as the dashboard publishes it: DESIGN.md's JSON, with counts replaced as described above. */
    public ObjectNode publish(Tally tally) {
        return publish(TallyRow.of(tally));
    }

    /** A tally of any breakdown, current or daily, as the dashboard publishes it: see {@link #publish(Tally)}. */
    public ObjectNode publish(TallyRow tally) {
        ObjectNode node = TallyJson.toNode(tally);
        if (!active()
                || LongStream.of(tally.deported(), tally.returned(), tally.outstanding())
                        .noneMatch(this::small)) {
            return node;
        }
        hide(node, "deported", tally.deported());
        hide(node, "returned", tally.returned());
        hide(node, "outstanding", tally.outstanding());
        return node;
    }

    private void hide(ObjectNode node, String field, long count) {
        if (count == 0) {
            return;
        }
        node.put(field, small(count) ? "<" + below : ">=" + below);
    }

    private boolean small(long count) {
        return count >= 1 && count < below;
    }
}
