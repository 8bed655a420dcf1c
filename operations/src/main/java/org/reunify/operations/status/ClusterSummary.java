package org.reunify.operations.status;

import java.time.Duration;
import java.util.Collection;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/**
 * The cluster as its brokers describe it.
 *
 * @param controller the id of the active KRaft controller; empty when the quorum cannot be described (no right to)
 */
public record ClusterSummary(String clusterId, int brokers, OptionalInt controller) {

    /** @throws IllegalStateException when the cluster does not answer within the timeout */
    static ClusterSummary read(Admin admin, Duration timeout) {
        DescribeClusterResult cluster = admin.describeCluster();
        try {
            String id = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Collection<Node> nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ClusterSummary(id, nodes.size(), controller(admin, timeout));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("did not answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the cluster", e);
        }
    }

    /** Describe cluster names any broker as its controller under KRaft; the quorum knows the active one. */
    private static OptionalInt controller(Admin admin, Duration timeout) throws InterruptedException {
        try {
            return OptionalInt.of(admin.describeMetadataQuorum()
                    .quorumInfo()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .leaderId());
        } catch (ExecutionException | TimeoutException e) {
            return OptionalInt.empty();
        }
    }
}
