package org.reunify.streams.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.reunify.schemas.DaemonThreads;
import org.reunify.schemas.Waits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Streams app, run: started with the {@link FailurePolicy}, its state changes logged, waited for until it
 * counts, and closed leaving its group. Every place that runs one ({@code reunify streams}, {@code up}, the benchmark,
 * the tests) runs it through here.
 *
 * <p>The pipeline reads the agency topics by name, and agencies join and leave while it runs (docs/decisions.md #33):
 * every {@link #DISCOVERY_INTERVAL} the runner asks the cluster which agency topics may be counted and, when that set
 * changes, closes its client and starts one that reads the new set, from the committed state of the last. Kafka
 * Streams' own subscription by pattern is not used: a topic it learns of during a rebalance can reach a task before
 * its topology knows it, and the failed thread leaves that task's state locked, so its replacement never counts.
 */
public final class StreamsRunner implements AutoCloseable {

    /** How often the runner looks for agency topics that were created, deleted or given partitions. */
    static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(2);
    /** A new set of agency topics is taken on once it has stayed the same this long (agencies come in bursts). */
    static final Duration SETTLE = Duration.ofSeconds(2);
    /** ... and at the latest this long after it first changed, however often it changes meanwhile. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);
    /** An app that has rebalanced this long, or run without a task this long, is not counting: it says so. */
    static final Duration STUCK_AFTER = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    /** What the runner is doing. */
    public enum Phase {
        /** No agency topic may be counted yet: there is nothing to count, and no client. */
        WAITING_FOR_AGENCIES,
        /** Closing the client of the previous set of agency topics and starting one for the new set. */
        TAKING_ON_AGENCIES,
        /** A client runs (or rebalances, or restores: {@link #notCounting} tells). */
        COUNTING,
        /** The failure policy stopped the app for good, or it was closed. */
        STOPPED
    }

    private final String applicationId;
    private final Function<SortedSet<String>, KafkaStreams> clientReading;
    private final FailurePolicy failures;
    private final Consumer<String> onFailure;
    private final FollowingMetrics metricsBinder = new FollowingMetrics();
    private final Object lock = new Object();
    private final Discovery discovery;
    private volatile StreamsClient client;
    private volatile SortedSet<String> reading = new TreeSet<>();
    private volatile Phase phase = Phase.WAITING_FOR_AGENCIES;

    /**
     * @param clientReading makes a client that reads the given agency topics
     * @param discovery     null for a topology whose topics are fixed
     */
    private StreamsRunner(
            String applicationId,
            Function<SortedSet<String>, KafkaStreams> clientReading,
            FailurePolicy failures,
            Consumer<String> onFailure,
            Discovery discovery) {
        this.applicationId = applicationId;
        this.clientReading = clientReading;
        this.failures = failures;
        this.onFailure = onFailure;
        this.discovery = discovery;
    }

    /**
     * Starts the pipeline's topology on the agency topics that exist, and takes on those that come and go after.
     *
     * @param onFailure told, once, why the app stopped when it stops for good (state {@code ERROR})
     */
    public static StreamsRunner start(StreamsSettings settings, Consumer<String> onFailure) {
        Properties properties = PipelineStreams.properties(settings);
        Admin admin =
                Admin.create(new StreamsConfig(properties).getAdminConfigs(settings.applicationId() + "-agencies"));
        Discovery discovery = new Discovery(admin, settings.topology().partitions());
        FailurePolicy failures = new FailurePolicy();
        StreamsRunner runner = new StreamsRunner(
                settings.applicationId(),
                topics -> PipelineStreams.create(settings.reading(topics), failures),
                failures,
                onFailure,
                discovery);
        try {
            TopicGuard.Agencies agencies =
                    TopicGuard.agencies(admin, settings.topology().partitions());
            discovery.report(agencies.findings());
            runner.takeOn(discovery.resubscription.first(agencies.countable()));
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
        discovery.schedule(runner);
        return runner;
    }

    /** Starts another topology (the benchmark's stock count) with the same failure policy; its topics are fixed. */
    public static StreamsRunner start(Topology topology, Properties properties, Consumer<String> onFailure) {
        StreamsRunner runner = new StreamsRunner(
                properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
                fixedTopics -> new KafkaStreams(topology, properties),
                new FailurePolicy(),
                onFailure,
                null);
        runner.startClient(new TreeSet<>());
        return runner;
    }

    /**
     * Waits until the app counts: its client runs, or there is no agency topic to count yet.
     *
     * @throws IllegalStateException if it stopped instead, or did not get there in time
     */
    public StreamsRunner awaitRunning(Duration timeout) {
        Waits.until(
                timeout,
                () -> {
                    if (phase == Phase.STOPPED || isStopped(client)) {
                        throw new IllegalStateException(
                                "the streams app stopped before it ran (" + state() + "); see the log above");
                    }
                    return phase == Phase.WAITING_FOR_AGENCIES
                            || phase == Phase.COUNTING && client.state() == KafkaStreams.State.RUNNING;
                },
                "the streams app to run");
        return this;
    }

    public Phase phase() {
        return phase;
    }

    /** The agency topics the current client reads: none while there is no client. */
    public SortedSet<String> agencyTopics() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(reading));
    }

    /** The state of the current client; {@code CREATED} while there is none. */
    public KafkaStreams.State state() {
        StreamsClient current = client;
        return current == null ? KafkaStreams.State.CREATED : current.state();
    }

    /** Whether the app stopped for good: it counts nothing and will not again without a restart. */
    public boolean isStopped() {
        return phase == Phase.STOPPED || isStopped(client);
    }

    /**
     * Why the app is not counting now, in a phrase for the health probe, or empty when it counts (or has nothing to
     * count).
     */
    public Optional<String> notCounting() {
        StreamsClient current = client;
        return switch (phase) {
            case WAITING_FOR_AGENCIES -> Optional.empty();
            case TAKING_ON_AGENCIES -> Optional.of("the streams app is taking on agency topics that joined or left");
            case STOPPED -> Optional.of("the streams app stopped");
            case COUNTING -> {
                String stuck = current.stuck(STUCK_AFTER);
                if (stuck != null) {
                    yield Optional.of(stuck);
                }
                if (current.state() != KafkaStreams.State.RUNNING) {
                    yield Optional.of("the streams app is " + current.state());
                }
                yield current.isRestoring() ? Optional.of("the streams app is restoring its state") : Optional.empty();
            }
        };
    }

    /**
     * Stream threads that failed and were replaced within the last ten minutes: the policy stops the app after five, or
     * after a second failure on one record.
     */
    public int recentThreadFailures() {
        return failures.recentFailures();
    }

    /** Kafka Streams' metrics, its clients' included, for a meter registry: those of each client in turn. */
    public MeterBinder metricsBinder() {
        return metricsBinder;
    }

    /** Kafka Streams' metrics of the current client as Kafka has them, for what a binder does not sum (the lag). */
    public Map<MetricName, ? extends Metric> metrics() {
        StreamsClient current = client;
        return current == null ? Map.of() : current.streams().metrics();
    }

    @Override
    public void close() {
        if (discovery != null) {
            discovery.close();
        }
        synchronized (lock) {
            if (client != null) {
                client.close();
            }
            phase = Phase.STOPPED;
        }
        metricsBinder.close();
    }

    /** Closes the client of the previous set of agency topics and starts one for the new set, if there is any. */
    private void takeOn(Resubscription.Change change) {
        synchronized (lock) {
            if (phase == Phase.STOPPED || isStopped(client)) {
                return;
            }
            if (client != null) {
                LOG.info(
                        "agency topics changed: {}; making a new client of streams app {}",
                        change.describe(),
                        applicationId);
                phase = Phase.TAKING_ON_AGENCIES;
                client.close();
                client = null;
            }
            if (change.topics().isEmpty()) {
                LOG.info("no agency topic to count yet: streams app {} waits for the first", applicationId);
                phase = Phase.WAITING_FOR_AGENCIES;
                return;
            }
            LOG.info("streams app {} reads {}", applicationId, change.topics().keySet());
            startClient(new TreeSet<>(change.topics().keySet()));
        }
    }

    private void startClient(SortedSet<String> agencyTopics) {
        client = new StreamsClient(applicationId, clientReading.apply(agencyTopics), failures, this::stopped);
        reading = agencyTopics;
        metricsBinder.follow(client.streams());
        phase = Phase.COUNTING;
        client.start();
    }

    private void stopped(String reason) {
        phase = Phase.STOPPED;
        onFailure.accept(reason);
    }

    private static boolean isStopped(StreamsClient client) {
        return client != null
                && (client.state() == KafkaStreams.State.ERROR || client.state() == KafkaStreams.State.PENDING_ERROR);
    }

    /** The agency topics the cluster holds, looked at every {@link #DISCOVERY_INTERVAL} on a thread of its own. */
    private static final class Discovery implements AutoCloseable {

        private final Admin admin;
        private final int casePartitions;
        private final Resubscription resubscription = new Resubscription(SETTLE, MAX_WAIT);
        private final ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("reunify-agency-topics"));
        private List<TopicGuard.Finding> reported = List.of();

        Discovery(Admin admin, int casePartitions) {
            this.admin = admin;
            this.casePartitions = casePartitions;
        }

        void schedule(StreamsRunner runner) {
            long interval = DISCOVERY_INTERVAL.toMillis();
            scheduler.scheduleWithFixedDelay(() -> look(runner), interval, interval, TimeUnit.MILLISECONDS);
        }

        private void look(StreamsRunner runner) {
            try {
                TopicGuard.Agencies agencies = TopicGuard.agencies(admin, casePartitions);
                report(agencies.findings());
                resubscription.observe(agencies.countable(), System.nanoTime()).ifPresent(runner::takeOn);
                runner.notCounting();
            } catch (RuntimeException e) {
                // The cluster may be away for a while; the current client goes on, and the next look tries again.
                LOG.warn("could not look for agency topics that joined or left: {}", e.toString());
            }
        }

        /** Logs what is wrong with the agency topics when it changes, not at every look. */
        void report(List<TopicGuard.Finding> findings) {
            if (findings.equals(reported)) {
                return;
            }
            reported = findings;
            findings.stream()
                    .filter(finding -> !finding.effect().equals(TopicGuard.Effect.WARNING))
                    .forEach(finding -> LOG.error("{}", finding.problem()));
            findings.stream()
                    .filter(finding -> finding.effect().equals(TopicGuard.Effect.WARNING))
                    .forEach(finding -> LOG.warn("{}", finding.problem()));
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            admin.close();
        }
    }

    /**
     * Kafka Streams' metrics bound to a registry for whichever client runs: those of a closed client leave the registry
     * with it.
     */
    private static final class FollowingMetrics implements MeterBinder, AutoCloseable {

        private MeterRegistry registry;
        private KafkaStreams streams;
        private KafkaStreamsMetrics bound;

        @Override
        public synchronized void bindTo(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry);
            rebind();
        }

        synchronized void follow(KafkaStreams next) {
            streams = next;
            rebind();
        }

        private void rebind() {
            if (bound != null) {
                bound.close();
                bound = null;
            }
            if (registry != null && streams != null) {
                bound = new KafkaStreamsMetrics(streams);
                bound.bindTo(registry);
            }
        }

        @Override
        public synchronized void close() {
            if (bound != null) {
                bound.close();
            }
        }
    }
}
