package org.reunify.streams.topology;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.reunify.schemas.Topics;
import org.reunify.streams.rules.CaseLimits;

/**
 * What the topology needs to know beyond the rules.
 *
 * @param partitions     partitions of the topology's own repartition topics, fixed so that an agency topic with
 *                       another partition count cannot change where a case's events meet
 * @param handOnInterval how long a task sums its tally changes per region before handing them to the region's
 *                       task: longer means fewer records between the two, shorter a fresher total
 * @param limits         how much of one agency's input about one case the history holds
 * @param metrics        where the topology counts the records it takes and refuses, for operators
 * @param agencyTopics   the agency topics it reads, by name: the streams app makes a new client for a new set
 *                       (docs/decisions.md #33); empty in the settings a command makes, before any is found
 * @param heldRecords    where a record refused late is read back from: its agency topic on the app's cluster, or in
 *                       tests the records they gave the topology (docs/decisions.md #41)
 */
public record TopologySettings(
        int partitions,
        Duration handOnInterval,
        CaseLimits limits,
        PipelineMetrics metrics,
        SortedSet<String> agencyTopics,
        HeldRecords.Source heldRecords) {

    public static final int DEFAULT_PARTITIONS = Topics.DEFAULT_PARTITIONS;
    public static final Duration DEFAULT_HAND_ON_INTERVAL = Duration.ofMillis(20);

    public TopologySettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(heldRecords, "heldRecords");
        agencyTopics = Collections.unmodifiableSortedSet(new TreeSet<>(agencyTopics));
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        if (handOnInterval.isNegative() || handOnInterval.isZero()) {
            throw new IllegalArgumentException("the hand-on interval must be positive");
        }
    }

    public TopologySettings(int partitions, Duration handOnInterval) {
        this(
                partitions,
                handOnInterval,
                CaseLimits.DEFAULT,
                PipelineMetrics.NONE,
                new TreeSet<>(),
                HeldRecords.Source.AGENCY_TOPICS);
    }

    public TopologySettings(int partitions) {
        this(partitions, DEFAULT_HAND_ON_INTERVAL);
    }

    public static TopologySettings defaults() {
        return new TopologySettings(DEFAULT_PARTITIONS);
    }

    /** These settings with other case limits: for tests that reach a limit with a few records. */
    public TopologySettings withLimits(CaseLimits other) {
        return new TopologySettings(partitions, handOnInterval, other, metrics, agencyTopics, heldRecords);
    }

    /** These settings, counting into {@code other}. */
    public TopologySettings withMetrics(PipelineMetrics other) {
        return new TopologySettings(partitions, handOnInterval, limits, other, agencyTopics, heldRecords);
    }

    /** These settings, reading {@code topics}. */
    public TopologySettings reading(Collection<String> topics) {
        return new TopologySettings(partitions, handOnInterval, limits, metrics, new TreeSet<>(topics), heldRecords);
    }

    /** These settings, reading records refused late back from {@code other}. */
    public TopologySettings readingHeldRecordsFrom(HeldRecords.Source other) {
        return new TopologySettings(partitions, handOnInterval, limits, metrics, agencyTopics, other);
    }
}
