package org.reunify.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.sink.TotalsFeed;

/**
 * The dashboard's view of the committed totals, already suppressed as configured, and the event streams that are
 * told of every change. Fed by a {@link TotalsFeed}; read by the HTTP handlers.
 */
final class LiveTotals implements TotalsFeed.Listener {

    private record Snapshot(long sequence, String array, Map<String, String> byRegion) {}

    private final Suppression suppression;
    private final Subscribers subscribers;
    private volatile Snapshot snapshot;

    LiveTotals(Suppression suppression, Subscribers subscribers) {
        this.suppression = suppression;
        this.subscribers = subscribers;
    }

    Suppression suppression() {
        return suppression;
    }

    @Override
    public synchronized void onTotals(List<Tally> changes, List<Tally> listing) {
        boolean first = snapshot == null;
        long sequence = first ? 1 : snapshot.sequence() + 1;
        Map<String, String> byRegion = new LinkedHashMap<>();
        List<ObjectNode> nodes = listing.stream().map(suppression::publish).toList();
        nodes.forEach(node -> byRegion.put(node.get("region").asText(), node.toString()));
        snapshot = new Snapshot(sequence, TallyJson.toJsonArrayOfNodes(nodes), Map.copyOf(byRegion));
        if (first) {
            subscribers.broadcast(totalsEvent());
        } else {
            changes.forEach(change -> subscribers.broadcast(new ServerSentEvent(
                    "tally", sequence, suppression.publish(change).toString())));
        }
    }

    /** The complete listing as DESIGN.md's JSON array; empty until the totals topic has been read to its end. */
    Optional<String> totals() {
        Snapshot current = snapshot;
        return current == null ? Optional.empty() : Optional.of(current.array());
    }

    /** One region's tally (or {@code UA}'s); empty for an unknown code or until the topic has been read. */
    Optional<String> tally(String region) {
        Snapshot current = snapshot;
        return current == null
                ? Optional.empty()
                : Optional.ofNullable(current.byRegion().get(region));
    }

    boolean ready() {
        return snapshot != null;
    }

    /** Registers a subscriber and gives it the complete listing first, if there is one yet. */
    synchronized void subscribe(Subscribers.Subscriber subscriber) {
        subscribers.add(subscriber);
        if (snapshot != null && !subscriber.offer(totalsEvent())) {
            subscribers.remove(subscriber);
        }
    }

    void unsubscribe(Subscribers.Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    private ServerSentEvent totalsEvent() {
        Snapshot current = snapshot;
        return new ServerSentEvent("totals", current.sequence(), current.array().replace("\n", ""));
    }
}
