package org.reunify.dashboard;

import java.util.List;
import org.reunify.sink.TallyFollower;

/**
 * Tells the open event streams of changed tallies of one topic, one event each, already suppressed as configured. A
 * deleted tally is not told: the page has it until it reconnects and fetches the listing again.
 *
 * @param name the event's name on {@code /api/events}
 */
record ChangeEvents(String name, Suppression suppression, Subscribers subscribers) {

    /** @param sequence the id of these events: a count of the batches of this topic's changes */
    void announce(List<TallyFollower.Change> changes, long sequence) {
        changes.stream()
                .filter(change -> change.row() != null)
                .forEach(change -> subscribers.broadcast(new ServerSentEvent(
                        name, sequence, suppression.publish(change.row()).toString())));
    }
}
