package org.reunify.streams.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides when the streams app takes on a changed set of agency topics (docs/decisions.md #33). The app reads an
 * explicit list of topics, so a topic created, deleted or given more partitions is counted only by a new client built
 * for the new list. Agencies are often provisioned in a burst ({@code agency add} for each of them, one after the
 * other): a client is made for the set once it has stood still for {@code settle}, and at the latest {@code maxWait}
 * after the first change, so that a steady trickle of new agencies still waits no longer than that.
 *
 * <p>Pure: told the countable topics and the time, it answers; the caller watches the cluster and makes the clients.
 */
final class Resubscription {

    private final long settleNanos;
    private final long maxWaitNanos;
    private SortedMap<String, Integer> counted = new TreeMap<>();
    private SortedMap<String, Integer> seen;
    private long seenSinceNanos;
    private long changedSinceNanos;

    /**
     * @param settle  how long the set must stay the same before it is taken on
     * @param maxWait how long after the first change the set is taken on however often it changes meanwhile
     */
    Resubscription(Duration settle, Duration maxWait) {
        this.settleNanos = settle.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** What a new client is to count, and how it differs from what the previous one counted. */
    record Change(
            SortedMap<String, Integer> topics,
            SortedSet<String> added,
            SortedSet<String> removed,
            SortedSet<String> resized) {

        /** One line for the log: which topics come, go, or changed their partitions. */
        String describe() {
            StringBuilder line = new StringBuilder();
            append(line, "taking on", added);
            append(line, "no longer reading (deleted, or no longer safe to count)", removed);
            append(line, "re-reading with their new partitions", resized);
            return line.toString();
        }

        private static void append(StringBuilder line, String what, SortedSet<String> topics) {
            if (!topics.isEmpty()) {
                line.append(line.isEmpty() ? "" : "; ").append(what).append(' ').append(topics);
            }
        }
    }

    /**
     * The topics the app counts now, by partition count: a client for them was made.
     */
    SortedMap<String, Integer> counted() {
        return new TreeMap<>(counted);
    }

    /** The set the first client counts, taken at once: nothing waits to be counted before it. */
    Change first(Map<String, Integer> countable) {
        SortedMap<String, Integer> now = new TreeMap<>(countable);
        Change change = difference(counted, now);
        counted = now;
        seen = null;
        return change;
    }

    /**
     * Told which agency topics the cluster holds and may be counted, with their partition counts.
     *
     * @return the change to make now, or empty to keep the current client
     */
    Optional<Change> observe(Map<String, Integer> countable, long nowNanos) {
        SortedMap<String, Integer> now = new TreeMap<>(countable);
        if (now.equals(counted)) {
            seen = null;
            return Optional.empty();
        }
        if (seen == null) {
            changedSinceNanos = nowNanos;
        }
        if (!now.equals(seen)) {
            seen = now;
            seenSinceNanos = nowNanos;
        }
        boolean settled = nowNanos - seenSinceNanos >= settleNanos;
        boolean waitedLongEnough = nowNanos - changedSinceNanos >= maxWaitNanos;
        if (!settled && !waitedLongEnough) {
            return Optional.empty();
        }
        Change change = difference(counted, now);
        counted = now;
        seen = null;
        return Optional.of(change);
    }

    private static Change difference(SortedMap<String, Integer> before, SortedMap<String, Integer> after) {
        SortedSet<String> added = new TreeSet<>(after.keySet());
        added.removeAll(before.keySet());
        SortedSet<String> removed = new TreeSet<>(before.keySet());
        removed.removeAll(after.keySet());
        SortedSet<String> resized = new TreeSet<>();
        after.forEach((topic, partitions) -> {
            Integer earlier = before.get(topic);
            if (earlier != null && !earlier.equals(partitions)) {
                resized.add(topic);
            }
        });
        return new Change(new TreeMap<>(after), added, removed, resized);
    }
}
