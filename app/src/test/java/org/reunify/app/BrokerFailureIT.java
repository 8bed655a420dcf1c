package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.app.support.Reliability;
import org.reunify.producers.Simulation;
import org.reunify.producers.simulate.Scenario;
import org.reunify.schemas.Tally;
import org.reunify.streams.StreamsRunner;
import org.reunify.streams.TopologySettings;
import org.reunify.testkit.KafkaBroker;

/**
 * Three brokers, every topic on three replicas with {@code min.insync.replicas=2}, writes with {@code acks=all}:
 * one broker stopped while events flow and started again loses nothing and counts nothing twice.
 */
class BrokerFailureIT {

    private static final Scenario HISTORY = Scenario.random(Integer.getInteger("reunify.fault.cases", 5_000), 71);
    private static final short REPLICAS = 3;

    @TempDir
    Path dir;

    @Test
    void aBrokerStoppedAndRestartedWhileEventsFlowChangesNothingInTheTotals() throws Exception {
        try (KafkaBroker cluster = KafkaBroker.start(3)) {
            Map<String, Object> client = cluster.clientConfig();
            StreamsRunner streams =
                    new Pipeline(client, new TopologySettings(3), REPLICAS).startStreams(dir.resolve("streams"));
            try {
                CompletableFuture<Long> publishing = CompletableFuture.supplyAsync(() -> publish(client));
                Thread.sleep(3_000);
                int stopped = cluster.brokerIds().get(1);
                cluster.stopBroker(stopped);
                Thread.sleep(5_000);
                cluster.restartBroker(stopped);
                assertThat(publishing.get()).isEqualTo(HISTORY.events().size());

                List<Tally> settled = Figures.awaitSettled(client);

                assertThat(settled.get(0).deported()).isEqualTo(HISTORY.expectedDeported());
                assertThat(settled.get(0).returned()).isEqualTo(HISTORY.expectedReturned());
                Reliability.Measured measured = Reliability.measure(client);
                assertThat(measured.events())
                        .as("events on the agency topics")
                        .isEqualTo(HISTORY.events().size());
                assertThat(measured.lost() + measured.doubleCounted()).isZero();
                Reliability.record("one of three brokers stopped while events flow, restarted", 1, 1, measured);
            } finally {
                streams.close();
            }
        }
    }

    private static long publish(Map<String, Object> client) {
        try {
            return new Simulation(client).run(HISTORY, OptionalInt.of(3), Optional.of(REPLICAS), 600);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
