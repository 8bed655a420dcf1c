package org.reunify.streams;

import static org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.reunify.schemas.Waits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Streams app, run: started with the {@link FailurePolicy}, its state changes logged, waited for until it
 * processes, and closed leaving its group. Every place that runs one ({@code reunify streams}, {@code up}, the
 * benchmark, the tests) runs it through here.
 */
public final class StreamsRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final FailurePolicy failures;
    private final Restorations restorations;

    private StreamsRunner(KafkaStreams streams, FailurePolicy failures, Restorations restorations) {
        this.streams = streams;
        this.failures = failures;
        this.restorations = restorations;
    }

    /**
     * Starts the pipeline's topology.
     *
     * @param onFailure told, once, why the app stopped when it stops for good (state {@code ERROR})
     */
    public static StreamsRunner start(StreamsSettings settings, Consumer<String> onFailure) {
        FailurePolicy failures = new FailurePolicy();
        return start(settings.applicationId(), PipelineStreams.create(settings, failures), failures, onFailure);
    }

    /** Starts another topology (the benchmark's stock count) with the same failure policy. */
    public static StreamsRunner start(Topology topology, Properties properties, Consumer<String> onFailure) {
        FailurePolicy failures = new FailurePolicy();
        KafkaStreams streams = new KafkaStreams(topology, properties);
        streams.setUncaughtExceptionHandler(failures);
        return start(properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), streams, failures, onFailure);
    }

    private static StreamsRunner start(
            String applicationId, KafkaStreams streams, FailurePolicy failures, Consumer<String> onFailure) {
        streams.setStateListener((now, before) -> {
            LOG.info("streams app {}: {} -> {}", applicationId, before, now);
            if (now == KafkaStreams.State.ERROR) {
                onFailure.accept("the streams app stopped: "
                        + failures.stopReason().orElse("it is in state ERROR; see the log above"));
            }
        });
        Restorations restorations = new Restorations();
        streams.setGlobalStateRestoreListener(restorations);
        streams.start();
        return new StreamsRunner(streams, failures, restorations);
    }

    /**
     * Waits until the app processes.
     *
     * @throws IllegalStateException if it stopped instead, or did not get there in time
     */
    public StreamsRunner awaitRunning(Duration timeout) {
        Waits.until(
                timeout,
                () -> {
                    if (streams.state() == KafkaStreams.State.ERROR
                            || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                        throw new IllegalStateException(
                                "the streams app stopped before it ran (" + streams.state() + "); see the log above");
                    }
                    return streams.state() == KafkaStreams.State.RUNNING;
                },
                "the streams app to run");
        return this;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Whether a store is being restored from its changelog: the app does not count until it is. */
    public boolean isRestoring() {
        return restorations.inProgress();
    }

    /**
     * Stream threads that failed and were replaced within the last ten minutes: the policy stops the app after five, or
     * after a second failure on one record.
     */
    public int recentThreadFailures() {
        return failures.recentFailures();
    }

    /** Kafka Streams' metrics, its clients' included, for a meter registry. */
    public MeterBinder metricsBinder() {
        return new KafkaStreamsMetrics(streams);
    }

    /** Kafka Streams' metrics as Kafka has them, for what a binder does not sum (the lag per agency). */
    public Map<MetricName, ? extends Metric> metrics() {
        return streams.metrics();
    }

    /** Closes the app; leaving its group hands its partitions over at once instead of after a session timeout. */
    @Override
    public void close() {
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(LEAVE_GROUP));
    }
}
