package org.reunify.streams.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Topics;

/**
 * What the stream tells its operators it did with each record: taken into the history (per agency) or refused (per
 * reason). Counted as the records are processed, so a transaction aborted and processed again counts twice: these are
 * for watching the pipeline, never for the figures, which only the committed tallies give.
 */
public final class PipelineMetrics {

    /** Nothing recorded: for tests and the benchmark. */
    public static final PipelineMetrics NONE = new PipelineMetrics(new CompositeMeterRegistry());

    static final String COUNTED = "reunify.events.counted";
    static final String REJECTED = "reunify.records.rejected";

    private final MeterRegistry registry;
    private final Map<String, Counter> counted = new ConcurrentHashMap<>();
    private final Map<Refusal, Counter> rejected = new ConcurrentHashMap<>();

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A record of an agency topic taken into its case's history (a second copy of an event included). */
    void counted(String topic) {
        String agency = Topics.agencyOf(topic).orElse(topic);
        counted.computeIfAbsent(
                        agency,
                        key -> Counter.builder(COUNTED)
                                .description("Records of an agency topic the stream took into the history")
                                .tag("agency", key)
                                .register(registry))
                .increment();
    }

    /** A record written to reunification.rejected, at once or late. */
    void rejected(Refusal reason) {
        rejected.computeIfAbsent(
                        reason,
                        key -> Counter.builder(REJECTED)
                                .description("Records the stream refused and wrote to reunification.rejected")
                                .tag("reason", key.name())
                                .register(registry))
                .increment();
    }
}
