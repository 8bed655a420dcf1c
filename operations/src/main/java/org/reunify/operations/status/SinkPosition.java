package org.reunify.operations.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a sink stands on a topic it applies, and whether that is a problem.
 *
 * <p>The rule: a change <em>waits</em> for a sink from the later of two instants, the timestamp of the first committed
 * record past the sink's stored position (when the streams app handed the change on) and the time the sink last stored
 * its position; a sink whose change has waited longer than the grace is <em>behind</em>, a problem. A running sink
 * stores a new position within a second of a change's commit, so it is never blamed, however long its backlog; a
 * stopped or stuck one is, once the grace has passed, and one that stopped while nothing was published is not blamed
 * until something is. Either instant alone would blame a running sink: a record's timestamp can be older than its
 * write when the streams app itself is behind, and an idle sink stores nothing for hours.
 *
 * @param sink    {@code file} or {@code postgresql}
 * @param where   the directory or the database, passwords hidden
 * @param behind  records between the stored positions and the ends (commit markers included)
 * @param waiting how long the longest-waiting change has waited (see above); empty when every record is applied
 */
public record SinkPosition(
        String sink, String where, String topic, long behind, Optional<Duration> waiting, Optional<String> problem) {

    /**
     * One partition of the topic.
     *
     * @param next           the stored position: the next offset the sink would apply
     * @param storedAt       when the sink stored it; empty when it never has
     * @param end            the partition's committed end
     * @param firstUnapplied the timestamp of the first committed record at or past {@code next}; empty when none
     */
    public record Partition(
            int partition, long next, Optional<Instant> storedAt, long end, Optional<Instant> firstUnapplied) {

        /** Since when a change has waited for the sink on this partition; empty when none waits. */
        Optional<Instant> waitingSince() {
            return firstUnapplied.map(first -> storedAt.filter(first::isBefore).orElse(first));
        }
    }

    /** A sink whose position could not be read at all. */
    static SinkPosition unreadable(String sink, String where, String topic, String why) {
        return new SinkPosition(sink, where, topic, 0, Optional.empty(), Optional.of(why));
    }

    public static SinkPosition judge(
            String sink, String where, String topic, List<Partition> partitions, Instant now, Duration grace) {
        long behind = partitions.stream()
                .mapToLong(partition -> Math.max(0, partition.end() - partition.next()))
                .sum();
        Optional<Duration> waiting = partitions.stream()
                .flatMap(partition -> partition.waitingSince().stream())
                .min(Instant::compareTo)
                .map(oldest -> Duration.between(oldest, now))
                .map(wait -> wait.isNegative() ? Duration.ZERO : wait);
        Optional<Partition> ahead = partitions.stream()
                .filter(partition -> partition.next() > partition.end())
                .findFirst();
        Optional<String> problem;
        if (ahead.isPresent()) {
            problem = Optional.of(String.format(
                    "the %s sink (%s) stored position %d on %s partition %d, past its end %d: was the topic deleted "
                            + "and created again?",
                    sink,
                    where,
                    ahead.get().next(),
                    topic,
                    ahead.get().partition(),
                    ahead.get().end()));
        } else if (waiting.filter(wait -> wait.compareTo(grace) > 0).isPresent()) {
            problem = Optional.of(String.format(
                    "the %s sink (%s) is behind on %s: %,d records not applied, a change waiting for %s (more than "
                            + "%s): is it running?",
                    sink, where, topic, behind, StatusTable.duration(waiting.get()), StatusTable.duration(grace)));
        } else {
            problem = Optional.empty();
        }
        return new SinkPosition(sink, where, topic, behind, waiting, problem);
    }
}
