package org.reunify.streams;

import java.time.Duration;
import java.util.Objects;
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
 */
public record TopologySettings(int partitions, Duration handOnInterval, CaseLimits limits, PipelineMetrics metrics) {

    public static final int DEFAULT_PARTITIONS = Topics.DEFAULT_PARTITIONS;
    public static final Duration DEFAULT_HAND_ON_INTERVAL = Duration.ofMillis(20);

    public TopologySettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(metrics, "metrics");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        if (handOnInterval.isNegative() || handOnInterval.isZero()) {
            throw new IllegalArgumentException("the hand-on interval must be positive");
        }
    }

    public TopologySettings(int partitions, Duration handOnInterval) {
        this(partitions, handOnInterval, CaseLimits.DEFAULT, PipelineMetrics.NONE);
    }

    public TopologySettings(int partitions) {
        this(partitions, DEFAULT_HAND_ON_INTERVAL);
    }

    public static TopologySettings defaults() {
        return new TopologySettings(DEFAULT_PARTITIONS);
    }

    /** These settings with other case limits: for tests that reach a limit with a few records. */
    public TopologySettings withLimits(CaseLimits other) {
        return new TopologySettings(partitions, handOnInterval, other, metrics);
    }

    /** These settings, counting into {@code other}. */
    public TopologySettings withMetrics(PipelineMetrics other) {
        return new TopologySettings(partitions, handOnInterval, limits, other);
    }
}
