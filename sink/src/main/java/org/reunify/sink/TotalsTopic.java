package org.reunify.sink;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waiting for a topic the streams app writes, such as {@code reunification.totals}: a sink may start before the cluster
 * answers or the streams app runs.
 */
public final class TotalsTopic {

    private static final Logger LOG = LoggerFactory.getLogger(TotalsTopic.class);
    private static final Duration RECHECK = Duration.ofSeconds(5);

    private TotalsTopic() {}

    /** Whether the topic exists yet, false too if the cluster does not answer in time. */
    public static boolean exists(Consumer<?, ?> consumer, String topic, Duration timeout) {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            return infos != null && !infos.isEmpty();
        } catch (TimeoutException e) {
            return false;
        }
    }

    /**
     * Waits, with one log line, until the topic exists.
     *
     * @return false when {@code running} turned false or the thread was interrupted while waiting
     */
    public static boolean await(Consumer<?, ?> consumer, String topic, BooleanSupplier running) {
        boolean told = false;
        while (running.getAsBoolean() && !exists(consumer, topic, RECHECK)) {
            if (!told) {
                LOG.info("waiting for the cluster to answer and the streams app to create {}", topic);
                told = true;
            }
            try {
                Thread.sleep(RECHECK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return running.getAsBoolean();
    }
}
