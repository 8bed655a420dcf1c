package org.reunify.dashboard.disclosure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.Regions;

/**
 * A tally as a public output shows it: docs/DESIGN.md's fields, each count perhaps hidden, {@code updatedAt} perhaps
 * coarsened or left out (see {@link SuppressedTable}).
 *
 * @param by        what the tally's table breaks down by: {@code code} is a region's or a destination's
 * @param updatedAt as published: an instant, a day, or null
 */
public record PublishedTally(
        Breakdown by,
        String code,
        String name,
        PublishedCount deported,
        PublishedCount returned,
        PublishedCount outstanding,
        String updatedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean national() {
        return by == Breakdown.region && Regions.NATIONAL_CODE.equals(code);
    }

    /** Whether any count is shown as something other than itself. */
    public boolean hidden() {
        return counts().stream().anyMatch(PublishedCount::hidden);
    }

    /** Deported, returned and outstanding, in that order. */
    public List<PublishedCount> counts() {
        return List.of(deported, returned, outstanding);
    }

    /** The tally with no count shown, nor when it changed. */
    public PublishedTally withheld() {
        return new PublishedTally(
                by, code, name, PublishedCount.withheld(), PublishedCount.withheld(), PublishedCount.withheld(), null);
    }

    /** docs/DESIGN.md's tally JSON, hidden counts as strings ({@code "<5"}, {@code ">=5"}), withheld ones as null. */
    public ObjectNode toNode() {
        ObjectNode node = JSON.createObjectNode();
        node.put(by.name(), code);
        node.put("name", name);
        deported.putInto(node, "deported");
        returned.putInto(node, "returned");
        outstanding.putInto(node, "outstanding");
        node.put("updatedAt", updatedAt);
        return node;
    }
}
