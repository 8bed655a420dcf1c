package org.reunify.streams;

import org.reunify.schemas.Topics;

/**
 * What the topology needs to know beyond the rules.
 *
 * @param partitions partitions of the topology's own repartition topics, fixed so that an agency topic with
 *                   another partition count cannot change where a case's events meet
 */
public record TopologySettings(int partitions) {

    public static final int DEFAULT_PARTITIONS = Topics.DEFAULT_PARTITIONS;

    public TopologySettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
    }

    public static TopologySettings defaults() {
        return new TopologySettings(DEFAULT_PARTITIONS);
    }
}
