package org.reunify.streams.topology;

import org.apache.kafka.common.utils.Utils;

/**
 * The partition on which a case's records meet and are folded: the one the Java client's default partitioner gives
 * the case id (murmur2 of the key, modulo the partition count), as {@code reunify publish} and any Java producer
 * keyed by case id write them. A record found there is folded in the task that reads it; one found elsewhere (another
 * client's partitioner, partitions added later) is first moved there through the case-events repartition, which Kafka
 * Streams writes with the same partitioner. The replay folds its cases in the same groups.
 */
public final class CasePartition {

    private CasePartition() {}

    public static int of(byte[] caseKey, int partitions) {
        return Utils.toPositive(Utils.murmur2(caseKey)) % partitions;
    }
}
