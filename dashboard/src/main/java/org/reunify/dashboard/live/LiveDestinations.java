package org.reunify.dashboard.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reunify.dashboard.disclosure.PublishedTally;
import org.reunify.dashboard.disclosure.SuppressedTable;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;

/**
 * The dashboard's view of {@code reunification.destinations}: every destination seen and {@code UNKNOWN}, sorted by
 * code.
 *
 * <p>Without suppression these are the topic's own, and every change is told as a {@code destination} event. With
 * suppression the destinations are a table whose total is the national tally (every counted case has one
 * destination), so they are suppressed as its shares ({@link SuppressedTable#publishShares}); {@link LiveListing} says
 * when it is worked out.
 */
public final class LiveDestinations extends LiveListing<Tally> {

    private volatile String listing;
    private List<Tally> current = List.of();

    public LiveDestinations(Suppression suppression, Subscribers subscribers) {
        super("destination", suppression, subscribers, TallyJson::toNode);
    }

    @Override
    void update(Map<String, Tally> latest) {
        current = Tallies.completeDestinations(latest.values());
    }

    /** The listing as a JSON array; empty until the topic has been read to its end. */
    public Optional<String> listing() {
        return Optional.ofNullable(listing);
    }

    @Override
    void publish() {
        List<ObjectNode> nodes = table.suppression().active()
                ? table.publishShares(current).stream()
                        .map(PublishedTally::toNode)
                        .toList()
                : current.stream().map(TallyJson::toNode).toList();
        listing = TallyJson.toJsonArrayOfNodes(nodes);
    }
}
