package org.reunify.sink;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.WakeupException;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;

/**
 * Follows the committed totals for a consumer of them (the file sink, the dashboard): waits for the cluster and
 * the totals topic, reads the topic to its end, hands over the complete listing, then hands over every change as
 * it arrives, until {@link #close()}.
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
    }

    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(250);

    private final TotalsFollower totals;
    private final Listener listener;
    private volatile boolean running = true;

    public TotalsFeed(Map<String, Object> clientConfig, Listener listener) {
        this.totals = new TotalsFollower(clientConfig);
        this.listener = listener;
    }

    @Override
    public void run() {
        try {
            if (!totals.awaitTopic(() -> running)) {
                return;
            }
            totals.catchUp(CATCH_UP);
            listener.onTotals(List.copyOf(totals.current().values()), listing());
            while (running) {
                List<Tally> changes = totals.poll(POLL);
                if (!changes.isEmpty()) {
                    listener.onTotals(changes, listing());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            totals.close();
        }
    }

    private List<Tally> listing() {
        return Tallies.complete(totals.current().values());
    }

    @Override
    public void close() {
        running = false;
        totals.wakeup();
    }
}
