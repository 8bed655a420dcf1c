package org.reunify.dashboard;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.TallyRow;
import org.reunify.sink.TallyFeed;
import org.reunify.sink.TallyFollower;

/**
 * The dashboard's view of {@code reunification.destinations}, already suppressed as configured: every destination
 * seen and {@code UNKNOWN}, sorted by code, and a {@code destination} event for every change.
 */
final class LiveDestinations implements TallyFeed.Listener {

    private final Suppression suppression;
    private final ChangeEvents events;
    private volatile String listing;
    private long batches;

    LiveDestinations(Suppression suppression, Subscribers subscribers) {
        this.suppression = suppression;
        this.events = new ChangeEvents("destination", suppression, subscribers);
    }

    @Override
    public synchronized void onTallies(List<TallyFollower.Change> changes, Map<String, TallyRow> current) {
        boolean first = listing == null;
        listing = TallyJson.toJsonArrayOfNodes(
                Tallies.completeDestinations(current.values().stream()
                                .map(TallyRow::toDestinationTally)
                                .toList())
                        .stream()
                        .map(TallyRow::of)
                        .map(suppression::publish)
                        .toList());
        // The page fetches the listing whenever its stream opens, so the tallies read while catching up need no event.
        if (!first) {
            events.announce(changes, ++batches);
        }
    }

    /** The listing as a JSON array; empty until the topic has been read to its end. */
    Optional<String> listing() {
        return Optional.ofNullable(listing);
    }
}
