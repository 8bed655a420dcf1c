package org.reunify.operations;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.reunify.sink.SinkMetrics;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.topology.PipelineMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process's health and metrics (docs/DESIGN.md "Operations"): the parts it runs register here, and {@link
 * #endpoints()} answers {@code /health/live}, {@code /health/ready} and {@code /metrics} for them.
 */
public final class Operations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Health health = new Health();
    private final ClusterProbe cluster;
    private final List<AgencyLag> lags = new ArrayList<>();
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final SinkMetrics sinkMetrics;
    private volatile boolean started;

    /**
     * @param clientConfig  how to reach the cluster, which readiness asks
     * @param gaugesTallies whether {@code /metrics} may show each region's outstanding figure: not beside a dashboard
     *                      that suppresses small counts
     */
    public Operations(Map<String, Object> clientConfig, boolean gaugesTallies) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.cluster = new ClusterProbe(clientConfig);
        health.ready("cluster", cluster);
        // Served before the parts start, so that a probe finds the process: not ready until every part is watched.
        health.ready("started", () -> started ? null : "starting");
        this.sinkMetrics = new SinkMetrics(registry, gaugesTallies);
    }

    /** Where the topology counts the records it takes and refuses. */
    public PipelineMetrics pipelineMetrics() {
        return new PipelineMetrics(registry);
    }

    /** Where the sinks count what they write; one for all of the process's sinks. */
    public SinkMetrics sinkMetrics() {
        return sinkMetrics;
    }

    /** Kafka Streams' metrics, the lag per agency, and the app's state in both probes. */
    public synchronized void watch(StreamsRunner streams) {
        MeterBinder binder = streams.metricsBinder();
        binder.bindTo(registry);
        if (binder instanceof AutoCloseable closeable) {
            binders.add(closeable);
        }
        lags.add(new AgencyLag(registry, streams::metrics));
        health.live("streams", () -> StreamsHealth.liveness(streams));
        health.ready("streams", () -> StreamsHealth.readiness(streams));
    }

    /** A follower of a published topic (a sink, a dashboard feed): ready once it has read its topic to the end. */
    public void watchFollower(String name, BooleanSupplier caughtUp) {
        health.ready(name, () -> caughtUp.getAsBoolean() ? null : "still reading its topic");
    }

    /** Every part of the process is started and watched: readiness is theirs from now on. */
    public void started() {
        started = true;
    }

    /**
     * What {@code /health/ready} waits for, or null once the process is ready: its streams app counts and its followers
     * have read their topics to the end.
     */
    public String notReady() {
        return health.notReady();
    }

    public OperationsEndpoints endpoints() {
        return new OperationsEndpoints(health, this::scrape);
    }

    private synchronized String scrape() {
        lags.forEach(AgencyLag::refresh);
        return registry.scrape();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception e) {
                LOG.debug("a metrics binder did not close: {}", e.toString());
            }
        }
        cluster.close();
        registry.close();
    }
}
