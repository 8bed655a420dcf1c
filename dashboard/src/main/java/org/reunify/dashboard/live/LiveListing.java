package org.reunify.dashboard.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.reunify.dashboard.disclosure.SuppressedTable;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.sink.TallyFeed;
import org.reunify.sink.TallyFollower;

/**
 * A listing the dashboard serves from one topic of published tallies. Without suppression it is worked out again with
 * every change, and each change is told as an event. With suppression it is worked out again only when the totals are
 * published again (see {@link LiveTotals}, which calls {@link #republish}), and no single change is told: it would
 * date and size a change of a hidden tally. The first listing, once the topic is read, is published at once either
 * way.
 *
 * @param <R> what the topic holds: tallies, or timeline entries
 */
abstract class LiveListing<R> implements TallyFeed.Listener<R> {

    protected final SuppressedTable table;
    private final ChangeEvents<R> events;
    private boolean published;
    private boolean stale;
    private long batches;

    /**
     * @param eventName the name of this listing's change events on {@code /api/events}
     * @param toJson    what such an event says of a changed tally
     */
    LiveListing(String eventName, Suppression suppression, Subscribers subscribers, Function<R, JsonNode> toJson) {
        this.table = new SuppressedTable(suppression);
        this.events = new ChangeEvents<>(eventName, subscribers, toJson);
    }

    @Override
    public final synchronized void onTallies(List<TallyFollower.Change<R>> changes, Map<String, R> latest) {
        boolean first = !published;
        boolean suppressed = table.suppression().active();
        update(latest);
        if (first || !suppressed) {
            publish();
            published = true;
        } else {
            stale = true;
        }
        // The page fetches the listing whenever its stream opens, so what was read while catching up needs no event.
        if (!first && !suppressed) {
            events.announce(changes, ++batches);
        }
    }

    /** Publishes the listing again if its topic changed since: on the totals' clock, when suppression is on. */
    public final synchronized void republish() {
        if (stale) {
            publish();
            stale = false;
        }
    }

    /** Takes the latest tally under every key of the topic. */
    abstract void update(Map<String, R> latest);

    /** Works out the listing as served from what {@link #update} took. */
    abstract void publish();
}
