package org.reunify.operations;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the cluster answers: Kafka Streams and the followers stay RUNNING while their brokers are gone, retrying,
 * so readiness asks the cluster itself. The answer is kept for a moment, so that frequent probes cost one request.
 */
final class ClusterProbe implements Health.Check, AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KEEP = Duration.ofSeconds(1);

    private final Admin admin;
    private String lastProblem;
    private long checkedAt = System.nanoTime() - KEEP.toNanos();

    ClusterProbe(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "reunify-health");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(config);
    }

    @Override
    public synchronized String problem() {
        if (System.nanoTime() - checkedAt >= KEEP.toNanos()) {
            lastProblem = ask();
            checkedAt = System.nanoTime();
        }
        return lastProblem;
    }

    private String ask() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .size();
            return brokers > 0 ? null : "the cluster has no broker";
        } catch (ExecutionException | TimeoutException e) {
            return "the cluster did not answer within " + TIMEOUT.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking the cluster";
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ZERO);
    }
}
