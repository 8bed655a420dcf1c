package org.reunify.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class AgencyLagTest {

    private final Map<MetricName, Metric> metrics = new HashMap<>();

    @Test
    void theMainConsumersPartitionLagsAreSummedPerAgency() {
        lag("reunify-1-StreamThread-1-consumer", "reunification.events.nib", 0, 5);
        lag("reunify-1-StreamThread-1-consumer", "reunification.events.nib", 1, 7);
        lag("reunify-1-StreamThread-2-consumer", "reunification.events.rchr", 0, 3);

        assertThat(AgencyLag.sum(metrics)).isEqualTo(Map.of("nib", 12.0, "rchr", 3.0));
    }

    @Test
    void changelogsRepartitionsAndTheRestoreConsumerAreNotAgencyLag() {
        lag("reunify-1-StreamThread-1-restore-consumer", "reunification.events.nib", 0, 5);
        lag("reunify-1-StreamThread-1-consumer", "reunify-tally-changes-repartition", 0, 9);

        assertThat(AgencyLag.sum(metrics)).isEmpty();
    }

    @Test
    void aLagNotYetKnownCountsForNothing() {
        lag("reunify-1-StreamThread-1-consumer", "reunification.events.nib", 0, Double.NaN);

        assertThat(AgencyLag.sum(metrics)).isEmpty();
    }

    private void lag(String client, String topic, int partition, double value) {
        MetricName name = new MetricName(
                "records-lag",
                "consumer-fetch-manager-metrics",
                "",
                Map.of("client-id", client, "topic", topic, "partition", String.valueOf(partition)));
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
