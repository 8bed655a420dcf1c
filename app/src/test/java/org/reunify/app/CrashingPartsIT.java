package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Reliability;
import org.reunify.app.support.ReunifyProcesses;
import org.reunify.producers.Simulation;
import org.reunify.producers.simulate.Scenario;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.Topics;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.postgres.Database;
import org.reunify.sink.postgres.PostgresTallies;
import org.reunify.testkit.KafkaBroker;
import org.reunify.testkit.PostgresServer;

/**
 * The pipeline's processes killed with SIGKILL — no shutdown hook, no clean close — at random moments while events
 * flow, and started again: the totals end equal to the replay of the history, the tally files are never seen
 * half-written, and PostgreSQL's tables end equal to the totals topic, every change in the history exactly once.
 */
class CrashingPartsIT {

    /**
     * About 5,500 events, so about 9 s of publishing at {@link #EVENTS_PER_SECOND}: longer than the 7 s a streams app
     * may live before it is killed, so that it is killed at least twice while events flow. The soak profile publishes
     * 60,000 cases, for many more kills.
     */
    private static final Scenario HISTORY = Scenario.random(Integer.getInteger("reunify.fault.cases", 3_500), 61);

    private static final int EVENTS_PER_SECOND = 600;

    @TempDir
    Path dir;

    private final Random random = new Random(61);
    private final ReunifyProcesses reunify = new ReunifyProcesses();
    private KafkaBroker broker;
    private Path clientProperties;

    @BeforeEach
    void startBroker() throws IOException {
        broker = KafkaBroker.start();
        // A killed member leaves no LeaveGroup behind; a short session lets the next instance take over in seconds.
        clientProperties = Files.writeString(
                dir.resolve("client.properties"), "session.timeout.ms=6000\nheartbeat.interval.ms=1500\n");
    }

    @AfterEach
    void stopEverything() {
        reunify.close();
        broker.close();
    }

    @Test
    void aStreamsAppKilledAgainAndAgainWhileEventsFlowEndsWithExactTotals() throws Exception {
        CompletableFuture<Long> publishing = publishInBackground();
        int kills = 0;
        while (!publishing.isDone()) {
            ReunifyProcesses.Running streams = streams("crashing");
            Thread.sleep(3_000 + random.nextInt(4_000));
            streams.kill();
            kills++;
        }
        publishing.get();
        ReunifyProcesses.Running survivor = streams("crashing");

        List<Tally> settled = Figures.awaitSettled(broker.clientConfig());

        assertThat(settled.get(0).deported()).isEqualTo(HISTORY.expectedDeported());
        assertThat(kills).isGreaterThanOrEqualTo(2);
        Reliability.record("streams app killed (SIGKILL) while events flow, restarted", kills, 1, measureExactlyOnce());
        survivor.stop();
    }

    @Test
    void oneOfTwoStreamsInstancesKilledWhileEventsFlowLeavesTheOtherToCountExactly() throws Exception {
        ReunifyProcesses.Running one = streams("one");
        ReunifyProcesses.Running two = streams("two");
        CompletableFuture<Long> publishing = publishInBackground();
        Thread.sleep(4_000 + random.nextInt(3_000));
        one.kill();
        publishing.get();

        List<Tally> settled = Figures.awaitSettled(broker.clientConfig());

        assertThat(settled.get(0).deported()).isEqualTo(HISTORY.expectedDeported());
        Reliability.record("one of two streams instances killed (SIGKILL)", 1, 1, measureExactlyOnce());
        two.stop();
    }

    @Test
    void aFileSinkKilledMidWriteNeverLeavesAHalfWrittenFileAndCatchesUpOnRestart() throws Exception {
        ReunifyProcesses.Running streams = streams("streams");
        TallyFiles files = new TallyFiles(dir.resolve("tallies"));
        CompletableFuture<Long> publishing = publishInBackground();
        int kills = 0;
        int reads = 0;
        while (!publishing.isDone()) {
            FileTime before = lastWritten(files);
            ReunifyProcesses.Running sink = startFileSink(files);
            // Kill it at a random moment after it has started writing, not before.
            await().atMost(Duration.ofMinutes(1)).until(() -> lastWritten(files).compareTo(before) > 0);
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500 + random.nextInt(2_500));
            while (System.nanoTime() < killAt) {
                reads += readWholeFiles(files);
                Thread.sleep(10);
            }
            sink.kill();
            kills++;
        }
        publishing.get();
        ReunifyProcesses.Running sink = startFileSink(files);

        List<Tally> settled = Figures.awaitSettled(broker.clientConfig());
        Figures.awaitTallyFile(files, Figures.of(settled));

        assertThat(reads).as("the files were read while the sink wrote them").isPositive();
        Reliability.record("file sink killed (SIGKILL) mid-write, restarted", kills, 1, measureExactlyOnce());
        sink.stop();
        streams.stop();
    }

    @Test
    void aPostgresSinkKilledAgainAndAgainLeavesItsTablesEqualToTheTotalsAndItsHistoryEqualToEveryChange()
            throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            Database database = new Database(postgres.createDatabase(), postgres.user(), postgres.password());
            ReunifyProcesses.Running streams = streams("streams");
            CompletableFuture<Long> publishing = publishInBackground();
            int kills = 0;
            while (!publishing.isDone() || kills < 5) {
                int before = historyRows(database);
                long started = System.nanoTime();
                ReunifyProcesses.Running sink = postgresSink(database);
                // Kill it at a random moment after it has written something (or, once all is published, has had
                // time to), as likely mid-transaction as not.
                await().atMost(Duration.ofMinutes(1))
                        .until(() -> historyRows(database) > before
                                || publishing.isDone() && System.nanoTime() - started > TimeUnit.SECONDS.toNanos(3));
                Thread.sleep(200 + random.nextInt(1_300));
                sink.kill();
                kills++;
            }
            publishing.get();
            ReunifyProcesses.Running sink = postgresSink(database);

            List<Tally> settled = Figures.awaitSettled(broker.clientConfig());
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                List<PostgresTallies.HistoryRow> everyChange = broker.readCommitted(Topics.TOTALS.name()).stream()
                        .map(record -> new PostgresTallies.HistoryRow(
                                record.partition(), record.offset(), TallyJson.fromBytes(record.value())))
                        .toList();
                assertThat(PostgresTallies.history(database))
                        .as("region_tally_history: every change on the totals topic, once")
                        .isEqualTo(everyChange);
                assertThat(Tallies.complete(PostgresTallies.tallies(database)))
                        .as("region_tallies")
                        .isEqualTo(settled);
            });
            ReunifyProcesses.Running verify = reunify.run(
                    "replay",
                    "--verify",
                    "--bootstrap",
                    broker.bootstrapServers(),
                    "--jdbc-url",
                    database.jdbcUrl(),
                    "--db-user",
                    database.user());
            assertThat(verify.process.exitValue())
                    .as("replay --verify --jdbc-url: %s", verify.lines)
                    .isZero();
            assertThat(verify.lines)
                    .anyMatch(line -> line.startsWith("verified:") && line.contains("the sink's tables at"));
            Reliability.record(
                    "PostgreSQL sink killed (SIGKILL) while writing, restarted", kills, 1, measureExactlyOnce());
            sink.stop();
            streams.stop();
        }
    }

    private ReunifyProcesses.Running postgresSink(Database database) throws IOException {
        return startSink(
                "--command-config",
                clientProperties.toString(),
                "--jdbc-url",
                database.jdbcUrl(),
                "--db-user",
                database.user());
    }

    private static int historyRows(Database database) {
        try {
            return PostgresTallies.history(database).size();
        } catch (SQLException e) {
            return 0;
        }
    }

    private Reliability.Measured measureExactlyOnce() throws InterruptedException {
        Reliability.Measured measured = Reliability.measure(broker.clientConfig());
        assertThat(measured.events())
                .as("events on the agency topics")
                .isEqualTo(HISTORY.events().size());
        assertThat(measured.lost()).isZero();
        assertThat(measured.doubleCounted()).isZero();
        assertThat(Figures.verify(broker.clientConfig(), Optional.empty(), Duration.ofSeconds(30)))
                .as("the destination and daily tallies too, through the crashes")
                .isEmpty();
        return measured;
    }

    private ReunifyProcesses.Running startFileSink(TallyFiles files) throws IOException {
        return startSink("--output-dir", files.json().getParent().toString());
    }

    /** {@code reunify sink} as a process of its own, on the test's broker, with the options of its target. */
    private ReunifyProcesses.Running startSink(String... target) throws IOException {
        List<String> args = new ArrayList<>(List.of("sink", "--bootstrap", broker.bootstrapServers()));
        args.addAll(List.of(target));
        return reunify.start(args.toArray(String[]::new));
    }

    private static FileTime lastWritten(TallyFiles files) throws IOException {
        return Files.exists(files.json()) ? Files.getLastModifiedTime(files.json()) : FileTime.fromMillis(0);
    }

    /** Reads both files if they exist: each must be complete, whenever it is read. */
    private static int readWholeFiles(TallyFiles files) throws IOException {
        if (!Files.exists(files.json()) || !Files.exists(files.csv())) {
            return 0;
        }
        assertThat(TallyJson.fromJsonArray(Files.readString(files.json()))).hasSize(28);
        assertThat(Files.readAllLines(files.csv())).hasSize(29);
        return 1;
    }

    private ReunifyProcesses.Running streams(String instance) throws IOException {
        return reunify.start(
                "streams",
                "--bootstrap",
                broker.bootstrapServers(),
                "--command-config",
                clientProperties.toString(),
                "--state-dir",
                dir.resolve(instance).toString(),
                "--replication-factor",
                "1");
    }

    private CompletableFuture<Long> publishInBackground() {
        Map<String, Object> client = broker.clientConfig();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new Simulation(client)
                        .run(HISTORY, OptionalInt.of(3), Optional.of((short) 1), EVENTS_PER_SECOND);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
