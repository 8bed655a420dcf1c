package org.reunify.bench;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * What a streams app wrote to its changelog topics for the events it read: the committed records in them, and the
 * bytes their logs take on the broker (record batches, headers and transaction markers, as the disk and every replica
 * and restore pay for them).
 */
record Changelogs(long records, long bytes, long events) {

    double recordsPerEvent() {
        return (double) records / events;
    }

    double bytesPerEvent() {
        return (double) bytes / events;
    }

    /** Measures the changelog topics {@code topics} once an app has read {@code events} events. */
    static Changelogs measure(Map<String, Object> client, Admin admin, List<String> topics, long events) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .toList();
            long records = RawCeiling.consume(client, partitions).records();
            return new Changelogs(records, bytesOnDisk(admin, Set.copyOf(partitions)), events);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot measure the changelogs " + topics, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the changelogs", e);
        }
    }

    private static long bytesOnDisk(Admin admin, Set<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        Collection<Node> brokers = admin.describeCluster().nodes().get();
        Map<Integer, Map<String, LogDirDescription>> logDirs = admin.describeLogDirs(
                        brokers.stream().map(Node::id).toList())
                .allDescriptions()
                .get();
        return logDirs.values().stream()
                .flatMap(dirs -> dirs.values().stream())
                .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                .filter(replica -> partitions.contains(replica.getKey()))
                .mapToLong(replica -> replica.getValue().size())
                .sum();
    }
}
