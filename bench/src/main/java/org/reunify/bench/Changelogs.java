package org.reunify.bench;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * What a streams app wrote to its changelog topics for the events it read: the committed records in them, and the
 * bytes their logs take on the broker (record batches, headers and transaction markers, as the disk and every replica
 * and restore pay for them); in all and per store.
 */
record Changelogs(long records, long bytes, long events, Map<String, Store> stores) {

    /** One store's changelog: its committed records and the bytes of its log. */
    record Store(long records, long bytes) {}

    double recordsPerEvent() {
        return (double) records / events;
    }

    double bytesPerEvent() {
        return (double) bytes / events;
    }

    /**
     * Measures the changelog topics once an app has read {@code events} events.
     *
     * @param topics the changelog topics by the name of their store
     */
    static Changelogs measure(Map<String, Object> client, Admin admin, Map<String, String> topics, long events) {
        try {
            Map<String, Store> stores = new TreeMap<>();
            Map<String, TopicDescription> described =
                    admin.describeTopics(topics.values()).allTopicNames().get();
            Map<TopicPartition, Long> sizes = sizesOnDisk(admin);
            for (Map.Entry<String, String> store : topics.entrySet()) {
                List<TopicPartition> partitions = described.get(store.getValue()).partitions().stream()
                        .map(partition -> new TopicPartition(store.getValue(), partition.partition()))
                        .toList();
                long bytes = partitions.stream()
                        .mapToLong(partition -> sizes.getOrDefault(partition, 0L))
                        .sum();
                stores.put(
                        store.getKey(),
                        new Store(RawCeiling.consume(client, partitions).records(), bytes));
            }
            return new Changelogs(
                    stores.values().stream().mapToLong(Store::records).sum(),
                    stores.values().stream().mapToLong(Store::bytes).sum(),
                    events,
                    stores);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot measure the changelogs " + topics, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the changelogs", e);
        }
    }

    private static Map<TopicPartition, Long> sizesOnDisk(Admin admin) throws ExecutionException, InterruptedException {
        Collection<Node> brokers = admin.describeCluster().nodes().get();
        Map<Integer, Map<String, LogDirDescription>> logDirs = admin.describeLogDirs(
                        brokers.stream().map(Node::id).toList())
                .allDescriptions()
                .get();
        return logDirs.values().stream()
                .flatMap(dirs -> dirs.values().stream())
                .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                .collect(Collectors.toMap(
                        Map.Entry::getKey, replica -> replica.getValue().size(), Long::sum));
    }
}
