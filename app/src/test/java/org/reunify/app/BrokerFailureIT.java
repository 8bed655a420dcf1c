package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.app.support.Reliability;
import org.reunify.app.support.ReunifyProcesses;
import org.reunify.producers.Simulation;
import org.reunify.producers.simulate.Scenario;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topics;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.KafkaBroker;

/**
 * Three brokers, every topic on three replicas with {@code min.insync.replicas=2}, writes with {@code acks=all}: one
 * broker stopped while events flow, or its process killed, and started again loses nothing and counts nothing twice.
 */
class BrokerFailureIT {

    /**
     * About 4,700 events, about 8 s of publishing at 600 a second: the fault comes within the first seconds, and the
     * broker is down until every agency partition has taken events from the others. The soak profile publishes twenty
     * times as many.
     */
    private static final Scenario HISTORY = Scenario.random(Integer.getInteger("reunify.fault.cases", 3_000), 71);

    private static final short REPLICAS = 3;

    @TempDir
    Path dir;

    @Test
    void aBrokerStoppedAndRestartedWhileEventsFlowChangesNothingInTheTotals() throws Exception {
        try (KafkaBroker cluster = KafkaBroker.start(3)) {
            int stopped = cluster.brokerIds().get(1);
            survives(cluster, "one of three brokers stopped while events flow, restarted", () -> {
                cluster.stopBroker(stopped);
                awaitEventsOnEveryAgencyPartition(cluster);
                cluster.restartBroker(stopped);
            });
        }
    }

    /**
     * SIGKILL leaves the broker no controlled shutdown: its partitions stay led by it until its session expires, its
     * logs are recovered on restart. The broker killed coordinates the streams app's transactions, the loss that tests
     * exactly-once hardest.
     */
    @Test
    void aBrokerProcessKilledWhileEventsFlowAndRestartedOnItsLogsChangesNothingInTheTotals() throws Exception {
        try (KafkaBroker cluster = KafkaBroker.startInProcesses(3)) {
            survives(cluster, "one of three broker processes killed (SIGKILL) while events flow, restarted", () -> {
                int killed = transactionCoordinator(cluster);
                cluster.killBroker(killed);
                awaitEventsOnEveryAgencyPartition(cluster);
                cluster.restartBroker(killed);
            });
        }
    }

    /**
     * Publishes the history with the streams app running, injects the fault once the app's transactions are under way
     * while events still flow, and checks the totals.
     */
    private void survives(KafkaBroker cluster, String fault, Fault inject) throws Exception {
        Map<String, Object> client = cluster.clientConfig();
        // The agencies exist before the app starts, so that it counts from the first event and the fault comes while
        // its transactions run.
        new Simulation(client).provision(HISTORY, OptionalInt.of(3), Optional.of(REPLICAS));
        StreamsRunner streams =
                new Pipeline(client, new TopologySettings(3), REPLICAS).startStreams(dir.resolve("streams"));
        try (ReunifyProcesses reunify = new ReunifyProcesses()) {
            CompletableFuture<Long> publishing = CompletableFuture.supplyAsync(() -> publish(client));
            awaitTransactionLog(cluster);
            assertThat(publishing).as("still publishing when the fault comes").isNotDone();
            inject.run();
            assertThat(publishing.get()).isEqualTo(HISTORY.events().size());

            List<Tally> settled = Figures.awaitSettled(client);

            assertThat(settled.get(0).deported()).isEqualTo(HISTORY.expectedDeported());
            assertThat(settled.get(0).returned()).isEqualTo(HISTORY.expectedReturned());
            Reliability.Measured measured = Reliability.measure(client);
            assertThat(measured.events())
                    .as("events on the agency topics")
                    .isEqualTo(HISTORY.events().size());
            assertThat(measured.lost() + measured.doubleCounted()).isZero();
            ReunifyProcesses.Running verify =
                    reunify.run("replay", "--verify", "--bootstrap", cluster.bootstrapServers());
            assertThat(verify.process.exitValue())
                    .as("replay --verify: %s", verify.lines)
                    .isZero();
            Reliability.record(fault, 1, 1, measured);
        } finally {
            streams.close();
        }
    }

    /** The streams app's producers have begun their transactions: the transaction log exists and has its leader. */
    private static void awaitTransactionLog(KafkaBroker cluster) {
        await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> transactionCoordinator(cluster) >= 0);
    }

    /**
     * Events flow on while the broker is down: every agency partition, those it led too, takes new events from the
     * brokers left (after a kill, once the controller has fenced the dead broker and moved its leaders). Its replicas
     * are then behind on every partition when it comes back.
     */
    private static void awaitEventsOnEveryAgencyPartition(KafkaBroker cluster) {
        Map<TopicPartition, Long> whenDown = await().atMost(Duration.ofMinutes(1))
                .ignoreExceptions()
                .until(() -> agencyEndOffsets(cluster), offsets -> true);
        await().atMost(Duration.ofMinutes(1))
                .ignoreExceptions()
                .until(() -> agencyEndOffsets(cluster).entrySet().stream()
                        .allMatch(end -> end.getValue() > whenDown.get(end.getKey())));
    }

    private static Map<TopicPartition, Long> agencyEndOffsets(KafkaBroker cluster) throws Exception {
        try (Admin admin = cluster.admin()) {
            List<String> topics =
                    HISTORY.agencies().stream().map(Topics::eventsTopic).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .values()
                    .forEach(topic -> topic.partitions()
                            .forEach(partition -> latest.put(
                                    new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((partition, end) -> ends.put(partition, end.offset()));
            return ends;
        }
    }

    /** The leader of the transaction log's partition, which the streams app's producers' transactions live on. */
    private static int transactionCoordinator(KafkaBroker cluster) throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.describeTopics(Set.of(Topic.TRANSACTION_STATE_TOPIC_NAME))
                    .allTopicNames()
                    .get()
                    .get(Topic.TRANSACTION_STATE_TOPIC_NAME)
                    .partitions()
                    .get(0)
                    .leader()
                    .id();
        }
    }

    @FunctionalInterface
    private interface Fault {
        void run() throws Exception;
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
