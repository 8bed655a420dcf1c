package org.reunify.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.schemas.Tally;
import org.reunify.schemas.avro.ReportRetracted;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.topology.TopologyHarness;
import org.reunify.streams.topology.TopologySettings;

/** The benchmark judges the pipeline by totals it knows in advance; these say that what it knows is right. */
class BenchHistoryTest {

    /** Not a multiple of ten, so every kind of case is cut short somewhere. */
    private static final int CASES = 1_237;

    private final BenchHistory history = new BenchHistory(CASES, 3, 42);

    @Test
    void itsSizeIsTheNumberOfEventsItYields() {
        assertThat(events()).isEqualTo(history.size());
    }

    @Test
    void itsRegionEventsAreAllButTheRetractions() {
        long retractions = StreamSupport.stream(history.spliterator(), false)
                .filter(event -> event.getBody() instanceof ReportRetracted)
                .count();

        assertThat(history.regionEvents()).isEqualTo(history.size() - retractions);
    }

    @Test
    void theTotalsItExpectsAreThoseThePipelinesTopologyCounts(@TempDir Path stateDir) {
        Map<String, long[]> counted = new TreeMap<>();
        try (TopologyHarness pipeline =
                new TopologyHarness(stateDir, TopologySettings.defaults(), history.agencies())) {
            Instant appended = Instant.parse("2026-01-05T00:00:00Z");
            for (ReunificationEvent event : history) {
                appended = appended.plusMillis(10);
                pipeline.publish(event, appended);
            }
            for (Tally tally : pipeline.totals().values()) {
                if (tally.deported() > 0) {
                    counted.put(tally.code(), new long[] {tally.deported(), tally.returned()});
                }
            }
        }

        assertThat(counted).usingRecursiveComparison().isEqualTo(history.expected());
    }

    @Test
    void aHistoryWithOneAgencyIsRefusedForItCannotHoldCrossAgencyDuplicates() {
        assertThatThrownBy(() -> new BenchHistory(10, 1, 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two agencies");
    }

    private long events() {
        long events = 0;
        for (ReunificationEvent ignored : history) {
            events++;
        }
        return events;
    }
}
