package org.reunify.streams.runtime;

import static org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP;

import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka Streams client of the app, from its start to its close: its state, since when, and whether it has tasks,
 * for the health probes and for the warning about an app that stopped counting without failing.
 */
final class StreamsClient {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsClient.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String applicationId;
    private final KafkaStreams streams;
    private final Restorations restorations = new Restorations();
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private volatile long stateSinceNanos = System.nanoTime();
    private volatile long idleSinceNanos = System.nanoTime();
    private boolean warnedStuck;

    /**
     * @param onError told when the client stops for good (state {@code ERROR})
     */
    StreamsClient(String applicationId, KafkaStreams streams, FailurePolicy failures, Consumer<String> onError) {
        this.applicationId = applicationId;
        this.streams = streams;
        streams.setUncaughtExceptionHandler(failures);
        streams.setGlobalStateRestoreListener(restorations);
        streams.setStateListener((now, before) -> {
            state = now;
            stateSinceNanos = System.nanoTime();
            warnedStuck = false;
            LOG.info("streams app {}: {} -> {}", applicationId, before, now);
            if (now == KafkaStreams.State.ERROR) {
                onError.accept("the streams app stopped: "
                        + failures.stopReason().orElse("it is in state ERROR; see the log above"));
            }
        });
    }

    StreamsClient start() {
        streams.start();
        return this;
    }

    KafkaStreams streams() {
        return streams;
    }

    KafkaStreams.State state() {
        return state;
    }

    boolean isRestoring() {
        return restorations.inProgress();
    }

    /**
     * Why this client counts nothing although it should, once that has lasted {@code patience}: stuck rebalancing, or
     * running without a task; empty otherwise. Logged once when it first holds.
     */
    synchronized String stuck(Duration patience) {
        long now = System.nanoTime();
        if (state != KafkaStreams.State.RUNNING || hasTasks()) {
            idleSinceNanos = now;
        }
        String stuck = null;
        if (state == KafkaStreams.State.REBALANCING && now - stateSinceNanos >= patience.toNanos()) {
            stuck = "the streams app has been REBALANCING for " + seconds(now - stateSinceNanos)
                    + ": its group does not settle, so nothing is counted";
        } else if (state == KafkaStreams.State.RUNNING && now - idleSinceNanos >= patience.toNanos()) {
            stuck = "the streams app has had no task for " + seconds(now - idleSinceNanos)
                    + ": the other instances of '" + applicationId + "' hold every partition, or its group assigns "
                    + "none";
        }
        if (stuck != null && !warnedStuck) {
            warnedStuck = true;
            LOG.warn("{}; its stream threads:\n{}", stuck, ThreadReport.of(streams));
        }
        return stuck;
    }

    private boolean hasTasks() {
        try {
            return streams.metadataForLocalThreads().stream()
                    .map(ThreadMetadata::activeTasks)
                    .anyMatch(tasks -> !tasks.isEmpty());
        } catch (IllegalStateException e) {
            // Between states the threads' metadata cannot be read; the next look decides.
            return true;
        }
    }

    /** Closes the client; leaving its group hands its partitions over at once instead of after a session timeout. */
    void close() {
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(LEAVE_GROUP));
    }

    private static String seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds() + " s";
    }
}
