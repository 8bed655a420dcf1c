package org.reunify.sink;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;

/**
 * A {@link TallyFeed} of {@code reunification.totals}, by region: what the file sink and the dashboard follow. It
 * hands over the complete listing with every change.
 */
public final class TotalsFeed implements Runnable, AutoCloseable {

    /** What a consumer of the totals is told. */
    public interface Listener {

        /**
         * @param changes the tallies that changed, in the order the totals topic holds them; on the first call,
         *                after catching up, every tally read
         * @param listing all 27 regions and {@code UA} as they stand after these changes
         */
        void onTotals(List<Tally> changes, List<Tally> listing);

        /** See {@link TallyFeed.Listener#onPosition}. */
        default void onPosition(SortedMap<Integer, Long> nextOffsets) {}
    }

    private final TallyFeed<Tally> feed;

    public TotalsFeed(Map<String, Object> clientConfig, Listener listener) {
        this.feed =
                new TallyFeed<>(TallyFollower.of(clientConfig, PublishedTallies.TOTALS), new TallyFeed.Listener<>() {
                    @Override
                    public void onTallies(List<TallyFollower.Change<Tally>> changes, Map<String, Tally> current) {
                        listener.onTotals(TotalsFollower.tallies(changes), Tallies.complete(current.values()));
                    }

                    @Override
                    public void onPosition(SortedMap<Integer, Long> nextOffsets) {
                        listener.onPosition(nextOffsets);
                    }
                });
    }

    @Override
    public void run() {
        feed.run();
    }

    /** Whether the totals topic has been read to its end once. */
    public boolean isCaughtUp() {
        return feed.isCaughtUp();
    }

    @Override
    public void close() {
        feed.close();
    }
}
