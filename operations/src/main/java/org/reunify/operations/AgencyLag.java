package org.reunify.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.reunify.schemas.Topics;

/**
 * {@code reunify_agency_lag_records{agency}}: how many records of each agency topic the streams app has yet to read,
 * summed over the topic's partitions from its main consumers' {@code records-lag}. Kafka reports the lag per
 * partition only; an operator asks per agency. Worked out again at every scrape.
 */
final class AgencyLag {

    static final String NAME = "reunify.agency.lag";

    private static final String FETCH_GROUP = "consumer-fetch-manager-metrics";
    private static final String RECORDS_LAG = "records-lag";

    private final MeterRegistry registry;
    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final Map<String, Double> lags = new ConcurrentHashMap<>();

    AgencyLag(MeterRegistry registry, Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    /** Reads the lags again; an agency seen for the first time gets its gauge. */
    void refresh() {
        Map<String, Double> now = sum(metrics.get());
        now.forEach((agency, lag) -> {
            if (lags.put(agency, lag) == null) {
                Gauge.builder(NAME, lags, all -> all.getOrDefault(agency, 0.0))
                        .description("Records of the agency's topic the streams app has yet to read")
                        .baseUnit("records")
                        .tag("agency", agency)
                        .register(registry);
            }
        });
        lags.keySet().retainAll(now.keySet());
    }

    static Map<String, Double> sum(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Double> lags = new HashMap<>();
        metrics.forEach((name, metric) -> agencyOf(name).ifPresent(agency -> {
            if (metric.metricValue() instanceof Double lag && !lag.isNaN()) {
                lags.merge(agency, lag, Double::sum);
            }
        }));
        return lags;
    }

    /** The agency a main consumer's partition lag is about; not the restore consumer's, which reads changelogs. */
    private static Optional<String> agencyOf(MetricName name) {
        String client = name.tags().getOrDefault("client-id", "");
        if (!name.group().equals(FETCH_GROUP)
                || !name.name().equals(RECORDS_LAG)
                || !name.tags().containsKey("partition")
                || client.endsWith("restore-consumer")) {
            return Optional.empty();
        }
        return Topics.agencyOf(name.tags().getOrDefault("topic", ""));
    }
}
