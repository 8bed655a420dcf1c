package org.reunify.operations.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a sink stands on a topic it applies, and whether that is a problem.
 *
 * <p>The rule: a sink is <em>behind</em> while its stored position, on some partition, is below the topic's committed
 * end; that is a problem once the oldest record it has not applied has waited longer than the grace. A running sink
 * applies a record within a second of its commit, so a record still waiting after the grace means a sink that is
 * stopped, stuck or not keeping up; and a sink that stopped while nothing was published is not blamed for it. A
 * record's wait is counted from its timestamp, which the streams app sets to the time it handed the change on.
 *
 * @param sink    {@code file} or {@code postgresql}
 * @param where   the directory or the database, passwords hidden
 * @param behind  records between the stored positions and the ends (commit markers included)
 * @param waiting how long the oldest record not applied has waited; empty when every record is applied
 */
public record SinkPosition(
        String sink, String where, String topic, long behind, Optional<Duration> waiting, Optional<String> problem) {

    /**
     * One partition of the topic.
     *
     * @param next           the stored position: the next offset the sink would apply
     * @param end            the partition's committed end
     * @param firstUnapplied the timestamp of the first committed record at or past {@code next}; empty when none
     */
    public record Partition(int partition, long next, long end, Optional<Instant> firstUnapplied) {}

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
                .flatMap(partition -> partition.firstUnapplied().stream())
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
                    "the %s sink (%s) is behind on %s: %,d records not applied, the oldest waiting for %s (more than "
                            + "%s): is it running?",
                    sink, where, topic, behind, StatusTable.duration(waiting.get()), StatusTable.duration(grace)));
        } else {
            problem = Optional.empty();
        }
        return new SinkPosition(sink, where, topic, behind, waiting, problem);
    }
}
