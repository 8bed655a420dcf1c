package org.reunify.dashboard.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;
import org.reunify.sink.TallyFollower;

/**
 * Tells the open event streams of changed tallies of one topic, one event each, exactly: only a dashboard without
 * suppression sends them, for a single exact change would undo a suppressed table (see {@link LiveTotals}). A deleted
 * tally is not told: the page has it until it reconnects and fetches the listing again.
 *
 * @param name   the event's name on {@code /api/events}
 * @param toJson what an event says of a changed tally: docs/DESIGN.md's JSON
 */
record ChangeEvents<R>(String name, Subscribers subscribers, Function<R, JsonNode> toJson) {

    /** @param sequence the id of these events: a count of the batches of this topic's changes */
    void announce(List<TallyFollower.Change<R>> changes, long sequence) {
        changes.stream()
                .filter(change -> change.row() != null)
                .forEach(change -> subscribers.broadcast(new ServerSentEvent(
                        name, sequence, toJson.apply(change.row()).toString())));
    }
}
