package org.reunify.dashboard.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.reunify.dashboard.disclosure.PublishedTally;
import org.reunify.dashboard.disclosure.SuppressedTable;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.schemas.DaemonThreads;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.sink.TotalsFeed;

/**
 * The dashboard's view of the committed totals, already suppressed as configured, and the event streams that are
 * told of changes. Fed by a {@link TotalsFeed}; read by the HTTP handlers.
 *
 * <p>Without suppression every change is published as it comes, one {@code tally} event each. With suppression
 * the whole table is published again ({@code totals}) on a fixed clock, every {@code refresh}, and only then: a
 * single exact change would undo the table's suppression (it shows which tally moved, and by how much), and
 * publishing at the moment of each change would date every change, of hidden tallies too. Between two ticks any
 * number of changes may have happened, in any tallies.
 */
public final class LiveTotals implements TotalsFeed.Listener, AutoCloseable {

    private record Snapshot(long sequence, String array, Map<String, String> byRegion) {}

    private final SuppressedTable table;
    private final Subscribers subscribers;
    private final ScheduledExecutorService clock;
    private final Runnable republish;
    private volatile Snapshot snapshot;
    private List<Tally> unpublished;

    /**
     * @param republish with suppression, what else to publish again on the clock, before the page is told: the
     *                  figures the page fetches when it hears of new totals
     */
    public LiveTotals(Suppression suppression, Duration refresh, Subscribers subscribers, Runnable republish) {
        this.table = new SuppressedTable(suppression);
        this.subscribers = subscribers;
        this.republish = republish;
        if (suppression.active()) {
            clock = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dashboard-refresh"));
            clock.scheduleAtFixedRate(
                    this::publishUnpublished, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            clock = null;
        }
    }

    public Suppression suppression() {
        return table.suppression();
    }

    @Override
    public synchronized void onTotals(List<Tally> changes, List<Tally> listing) {
        if (snapshot == null) {
            publish(listing);
            broadcast(totalsEvent());
        } else if (clock != null) {
            unpublished = listing;
        } else {
            publish(listing);
            changes.forEach(change -> broadcast(new ServerSentEvent(
                    "tally", snapshot.sequence(), TallyJson.toNode(change).toString())));
        }
    }

    private synchronized void publishUnpublished() {
        if (unpublished != null) {
            publish(unpublished);
            unpublished = null;
            republish.run();
            broadcast(totalsEvent());
        }
    }

    private void publish(List<Tally> listing) {
        long sequence = snapshot == null ? 1 : snapshot.sequence() + 1;
        Map<String, String> byRegion = new LinkedHashMap<>();
        List<ObjectNode> nodes =
                table.publish(listing).stream().map(PublishedTally::toNode).toList();
        nodes.forEach(node -> byRegion.put(node.get("region").asText(), node.toString()));
        snapshot = new Snapshot(sequence, TallyJson.toJsonArrayOfNodes(nodes), Map.copyOf(byRegion));
    }

    /** The complete listing as docs/DESIGN.md's JSON array; empty until the totals topic has been read to its end. */
    public Optional<String> totals() {
        Snapshot current = snapshot;
        return current == null ? Optional.empty() : Optional.of(current.array());
    }

    /** One region's tally (or {@code UA}'s); empty for an unknown code or until the topic has been read. */
    public Optional<String> tally(String region) {
        Snapshot current = snapshot;
        return current == null
                ? Optional.empty()
                : Optional.ofNullable(current.byRegion().get(region));
    }

    boolean ready() {
        return snapshot != null;
    }

    /** Registers a subscriber and gives it the complete listing first, if there is one yet. */
    public synchronized void subscribe(Subscribers.Subscriber subscriber) {
        subscribers.add(subscriber);
        if (snapshot != null && !subscriber.offer(totalsEvent())) {
            subscribers.remove(subscriber);
        }
    }

    public void unsubscribe(Subscribers.Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    private ServerSentEvent totalsEvent() {
        Snapshot current = snapshot;
        return new ServerSentEvent("totals", current.sequence(), current.array().replace("\n", ""));
    }

    private void broadcast(ServerSentEvent event) {
        subscribers.broadcast(event);
    }

    @Override
    public void close() {
        if (clock != null) {
            clock.shutdownNow();
        }
    }
}
