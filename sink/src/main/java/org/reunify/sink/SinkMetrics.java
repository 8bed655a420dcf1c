package org.reunify.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.reunify.schemas.Tally;

/**
 * What the sinks tell operators: the rows each wrote, how long an event took from its append to a committed tally a
 * sink read, and each region's outstanding figure. One per process, shared by its sinks.
 */
public final class SinkMetrics {

    /** Nothing recorded: for tests and the benchmark. */
    public static final SinkMetrics NONE = new SinkMetrics(new CompositeMeterRegistry(), false);

    static final String ROWS_WRITTEN = "reunify.sink.rows.written";
    static final String PUBLISH_TO_TALLY = "reunify.publish.to.tally";
    static final String OUTSTANDING = "reunify.tally.outstanding";

    private static final Duration LONGEST_EXPECTED = Duration.ofMinutes(5);

    private final MeterRegistry registry;
    private final boolean gaugesTallies;
    private final Map<String, Counter> rows = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> outstanding = new ConcurrentHashMap<>();

    /**
     * @param gaugesTallies whether to publish each region's outstanding figure: not where {@code /metrics} is served
     *                      beside a dashboard that suppresses small counts
     */
    public SinkMetrics(MeterRegistry registry, boolean gaugesTallies) {
        this.registry = registry;
        this.gaugesTallies = gaugesTallies;
    }

    public void written(String sink, int count) {
        rows.computeIfAbsent(
                        sink,
                        key -> Counter.builder(ROWS_WRITTEN)
                                .description("Tally rows a sink wrote")
                                .tag("sink", key)
                                .register(registry))
                .increment(count);
    }

    /**
     * A regional tally a sink read committed from {@code reunification.totals}: its {@code updatedAt} is the append
     * time of the latest event that shaped it. The national tally moves with every region's and is left out.
     */
    public void committed(String sink, Tally tally, Instant readAt) {
        stands(tally);
        if (!tally.isNational() && tally.updatedAt() != null) {
            latency.computeIfAbsent(
                            sink,
                            key -> Timer.builder(PUBLISH_TO_TALLY)
                                    .description(
                                            "From an event's append to a sink reading the committed tally it moved")
                                    .tag("sink", key)
                                    .publishPercentileHistogram()
                                    .maximumExpectedValue(LONGEST_EXPECTED)
                                    .register(registry))
                    .record(Duration.between(tally.updatedAt(), readAt));
        }
    }

    /** A regional or national tally as it stands, read again from the start of the topic. */
    public void stands(Tally tally) {
        if (gaugesTallies) {
            outstanding.computeIfAbsent(tally.code(), this::outstandingGauge).set(tally.outstanding());
        }
    }

    private AtomicLong outstandingGauge(String region) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(OUTSTANDING, value, AtomicLong::get)
                .description("Children deported and not returned, as the published tally of the region stands")
                .tag("region", region)
                .register(registry);
        return value;
    }
}
