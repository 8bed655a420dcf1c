package org.reunify.dashboard;

import java.util.List;
import java.util.Map;
import org.reunify.schemas.TallyRow;
import org.reunify.sink.TallyFeed;
import org.reunify.sink.TallyFollower;

/**
 * A listing the dashboard serves from one topic of published tallies. Without suppression it is worked out again with
 * every change, and each change is told as an event. With suppression it is worked out again only when the totals are
 * published again (see {@link LiveTotals}, which calls {@link #republish}), and no single change is told: it would
 * date and size a change of a hidden tally. The first listing, once the topic is read, is published at once either
 * way.
 */
abstract class LiveListing implements TallyFeed.Listener {

    protected final SuppressedTable table;
    private final ChangeEvents events;
    private boolean published;
    private boolean stale;
    private long batches;

    /** @param eventName the name of this listing's change events on {@code /api/events} */
    LiveListing(String eventName, Suppression suppression, Subscribers subscribers) {
        this.table = new SuppressedTable(suppression);
        this.events = new ChangeEvents(eventName, subscribers);
    }

    @Override
    public final synchronized void onTallies(List<TallyFollower.Change> changes, Map<String, TallyRow> latest) {
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
    final synchronized void republish() {
        if (stale) {
            publish();
            stale = false;
        }
    }

    /** Takes the latest tally under every key of the topic. */
    abstract void update(Map<String, TallyRow> latest);

    /** Works out the listing as served from what {@link #update} took. */
    abstract void publish();
}
