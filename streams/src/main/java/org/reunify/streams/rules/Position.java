package org.reunify.streams.rules;

import java.util.Comparator;

/**
 * Where a record lies in the history, in docs/DESIGN.md's order: append time, then partition, then offset. Unique
 * within one agency's topic, which is all the rules ever compare it within.
 *
 * @param reportedAt the broker's append time, in epoch milliseconds
 */
public record Position(long reportedAt, int partition, long offset) implements Comparable<Position> {

    private static final Comparator<Position> ORDER = Comparator.comparingLong(Position::reportedAt)
            .thenComparingInt(Position::partition)
            .thenComparingLong(Position::offset);

    @Override
    public int compareTo(Position other) {
        return ORDER.compare(this, other);
    }

    public boolean isBefore(Position other) {
        return compareTo(other) < 0;
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
