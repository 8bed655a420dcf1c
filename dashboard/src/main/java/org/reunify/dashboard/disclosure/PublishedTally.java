package org.reunify.dashboard.disclosure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.reunify.schemas.Regions;
import org.reunify.schemas.TallyRow;

/**
 * A tally as a public output shows it: docs/DESIGN.md's fields, each count perhaps hidden, {@code updatedAt} perhaps
 * coarsened or left out (see {@link SuppressedTable}).
 *
 * @param updatedAt as published: an instant, a day, or null
 */
public record PublishedTally(
        String region,
        String name,
        PublishedCount deported,
        PublishedCount returned,
        PublishedCount outstanding,
        String updatedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean national() {
        return Regions.NATIONAL_CODE.equals(region);
    }

    /** Whether any count is shown as something other than itself. */
    public boolean hidden() {
        return counts().stream().anyMatch(PublishedCount::hidden);
    }

    /** Deported, returned and outstanding, in that order. */
    public List<PublishedCount> counts() {
        return List.of(deported, returned, outstanding);
    }

    /** docs/DESIGN.md's tally JSON, hidden counts as strings ({@code "<5"}, {@code ">=5"}), withheld ones as null. */
    public ObjectNode toNode() {
        return toNode(TallyRow.REGION);
    }

    /**
     * The JSON of a tally keyed otherwise, such as a destination's: a table of any breakdown is suppressed alike, its
     * key carried where a region's is.
     */
    public ObjectNode toNode(String keyField) {
        ObjectNode node = JSON.createObjectNode();
        node.put(keyField, region);
        node.put("name", name);
        deported.putInto(node, "deported");
        returned.putInto(node, "returned");
        outstanding.putInto(node, "outstanding");
        node.put("updatedAt", updatedAt);
        return node;
    }
}
