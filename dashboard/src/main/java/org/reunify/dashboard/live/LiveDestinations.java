package org.reunify.dashboard.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reunify.dashboard.disclosure.PublishedTally;
import org.reunify.dashboard.disclosure.SuppressedTable;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.schemas.DestinationTally;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.TallyRow;

/**
 * The dashboard's view of {@code reunification.destinations}: every destination seen and {@code UNKNOWN}, sorted by
 * code.
 *
 * <p>Without suppression these are the topic's own, and every change is told as a {@code destination} event. With
 * suppression the destinations are a table whose total is the national tally (every counted case has one
 * destination), so they are suppressed as the regions are ({@link SuppressedTable}: the exact national figure less
 * the shown destinations must not give a hidden one back); {@link LiveListing} says when it is worked out.
 */
public final class LiveDestinations extends LiveListing<TallyRow> {

    private volatile String listing;
    private List<DestinationTally> current = List.of();

    public LiveDestinations(Suppression suppression, Subscribers subscribers) {
        super("destination", suppression, subscribers, TallyJson::toNode);
    }

    @Override
    void update(Map<String, TallyRow> latest) {
        current = Tallies.completeDestinations(
                latest.values().stream().map(TallyRow::toDestinationTally).toList());
    }

    /** The listing as a JSON array; empty until the topic has been read to its end. */
    public Optional<String> listing() {
        return Optional.ofNullable(listing);
    }

    @Override
    void publish() {
        List<ObjectNode> nodes = table.suppression().active()
                ? suppressed()
                : current.stream()
                        .map(tally -> TallyJson.toNode(TallyRow.of(tally)))
                        .toList();
        listing = TallyJson.toJsonArrayOfNodes(nodes);
    }

    /**
     * The destinations suppressed as a table keyed by destination, with the national tally as its total (which the
     * suppressed table takes to be their sum, as rule 7 makes it).
     */
    private List<ObjectNode> suppressed() {
        List<Tally> table = new ArrayList<>();
        long deported = 0;
        long returned = 0;
        for (DestinationTally destination : current) {
            table.add(new Tally(
                    destination.destination(),
                    destination.name(),
                    destination.deported(),
                    destination.returned(),
                    destination.outstanding(),
                    destination.updatedAt()));
            deported += destination.deported();
            returned += destination.returned();
        }
        Tally national = Tally.of(Regions.NATIONAL_CODE, deported, returned, null);
        table.add(national);
        List<PublishedTally> published = this.table.publish(table);
        // A table that could not be published without hiding its total, although the total has no small count and so
        // is shown exact with the regions: no destination's counts are shown at all.
        boolean totalGaveWay = !this.table.suppression().hasSmallCount(national)
                && published.stream().anyMatch(tally -> tally.national() && tally.hidden());
        return published.stream()
                .filter(tally -> !tally.national())
                .map(tally -> tally.toNode(TallyRow.DESTINATION))
                .map(node -> totalGaveWay ? withheld(node) : node)
                .toList();
    }

    private static ObjectNode withheld(ObjectNode destination) {
        destination.putNull("deported");
        destination.putNull("returned");
        destination.putNull("outstanding");
        destination.putNull("updatedAt");
        return destination;
    }
}
