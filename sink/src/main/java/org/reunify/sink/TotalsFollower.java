package org.reunify.sink;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tally;

/** A {@link TallyFollower} of {@code reunification.totals}, by region: what the file sink and the dashboard follow. */
public final class TotalsFollower implements AutoCloseable {

    private final TallyFollower<Tally> follower;

    public TotalsFollower(Map<String, Object> clientConfig) {
        this.follower = TallyFollower.of(clientConfig, PublishedTallies.TOTALS);
    }

    /** Waits until the totals topic exists: see {@link TotalsTopic#await}. */
    public boolean awaitTopic(BooleanSupplier running) {
        return follower.awaitTopic(running);
    }

    /** See {@link TallyFollower#catchUp}. */
    public void catchUp(Duration timeout) {
        follower.catchUp(timeout);
    }

    /**
     * Reads what has arrived.
     *
     * @return every change, in the order the totals topic holds them, a region's intermediate tallies included; a
     *         deleted region's tally as an empty one; empty if nothing changed
     */
    public List<Tally> poll(Duration timeout) {
        return tallies(follower.poll(timeout));
    }

    /** The regional tallies of changes to {@code reunification.totals}: a deleted region's as an empty one. */
    static List<Tally> tallies(List<TallyFollower.Change<Tally>> changes) {
        return changes.stream()
                .flatMap(change -> (change.row() == null
                                ? Regions.byCode(change.key()).map(Tally::empty)
                                : Optional.of(change.row()))
                        .stream())
                .toList();
    }

    /** The latest tally of every region that has one, by region code. */
    public Map<String, Tally> current() {
        return new TreeMap<>(follower.current());
    }

    /** How many records of the topic held no tally and were skipped (each with a warning). */
    public long skipped() {
        return follower.skipped();
    }

    /** Makes a blocked {@link #poll} or {@link #catchUp} return, from any thread. */
    public void wakeup() {
        follower.wakeup();
    }

    @Override
    public void close() {
        follower.close();
    }
}
