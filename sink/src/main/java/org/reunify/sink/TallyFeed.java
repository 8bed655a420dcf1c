package org.reunify.sink;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows one topic of published tallies for a consumer of them (the file sink, the dashboard): waits for the cluster
 * and the topic, reads the topic to its end, hands over every tally read, then every change as it arrives, until
 * {@link #close()}.
 *
 * @param <R> what the topic's records hold (see {@link TallyFollower})
 */
public final class TallyFeed<R> implements Runnable, AutoCloseable {

    /** What a consumer of the tallies is told. */
    public interface Listener<R> {

        /**
         * @param changes the changes, in the order the topic holds them; on the first call, after catching up, every
         *                tally read, by key
         * @param current the latest tally under every key after these changes
         */
        void onTallies(List<TallyFollower.Change<R>> changes, Map<String, R> current);

        /**
         * The feed has read the topic up to these offsets, by partition, and handed over every tally below them; told
         * after the first {@link #onTallies} and whenever they move.
         */
        default void onPosition(SortedMap<Integer, Long> nextOffsets) {}
    }

    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(250);

    private final TallyFollower<R> follower;
    private final Listener<R> listener;
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    public TallyFeed(TallyFollower<R> follower, Listener<R> listener) {
        this.follower = follower;
        this.listener = listener;
    }

    @Override
    public void run() {
        try {
            if (!follower.awaitTopic(() -> running)) {
                return;
            }
            follower.catchUp(CATCH_UP);
            Map<String, R> current = follower.current();
            listener.onTallies(
                    new TreeMap<>(current)
                            .entrySet().stream()
                                    .map(tally -> new TallyFollower.Change<>(tally.getKey(), tally.getValue()))
                                    .toList(),
                    current);
            caughtUp = true;
            SortedMap<Integer, Long> position = tellPosition(Map.of());
            while (running) {
                List<TallyFollower.Change<R>> changes = follower.poll(POLL);
                if (!changes.isEmpty()) {
                    listener.onTallies(changes, follower.current());
                }
                position = tellPosition(position);
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            follower.close();
        }
    }

    /** Whether the topic has been read to its end once and every tally in it handed over. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** Records that hold no change (a tally written again, a skipped record) move the position too. */
    private SortedMap<Integer, Long> tellPosition(Map<Integer, Long> told) {
        SortedMap<Integer, Long> position = follower.positions();
        if (!position.equals(told)) {
            listener.onPosition(position);
        }
        return position;
    }

    @Override
    public void close() {
        running = false;
        follower.wakeup();
    }
}
