package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness, run small: every phase runs, the totals it measures are exact, and the figures are written.
 */
class BenchCommandIT {

    @TempDir
    Path dir;

    @Test
    void aSmallBenchRunsEveryPhaseToExactTotalsAndWritesItsFigures() throws Exception {
        Path json = dir.resolve("bench.json");

        int exit = Reunify.commandLine()
                .execute(
                        "bench",
                        "--cases",
                        "2000",
                        "--raw-records",
                        "20000",
                        "--rate",
                        "500",
                        "--latency-seconds",
                        "2",
                        "--json",
                        json.toString(),
                        "--work-dir",
                        dir.resolve("work").toString());

        assertThat(exit).isZero();
        Map<?, ?> figures = new ObjectMapper().readValue(json.toFile(), Map.class);
        assertThat(figures.get("exact")).isEqualTo(true);
        assertThat(figures.get("events")).isEqualTo(5_000);
        assertThat(figures.get("latencyEvents")).isEqualTo(1_000);
        for (String rate : new String[] {
            "rawProducerPerSecond",
            "rawConsumerPerSecond",
            "stockCountPerSecond",
            "statefulPeerPerSecond",
            "pipelinePerSecond",
            "replayPerSecond"
        }) {
            assertThat(((Number) figures.get(rate)).longValue()).as(rate).isPositive();
        }
        for (String perEvent : new String[] {
            "changelogRecordsPerEvent",
            "changelogBytesPerEvent",
            "statefulPeerChangelogRecordsPerEvent",
            "statefulPeerChangelogBytesPerEvent"
        }) {
            assertThat(((Number) figures.get(perEvent)).doubleValue())
                    .as(perEvent)
                    .isPositive();
        }
    }
}
