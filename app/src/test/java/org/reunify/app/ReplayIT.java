package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.audit.Difference;
import org.reunify.producers.Simulation;
import org.reunify.producers.simulate.Scenario;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topic;
import org.reunify.schemas.Topics;
import org.reunify.sink.FileTallySink;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.postgres.Database;
import org.reunify.sink.postgres.PostgresTallies;
import org.reunify.sink.postgres.PostgresTallySink;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.CapturedLog;
import org.reunify.testkit.KafkaBroker;
import org.reunify.testkit.PostgresServer;
import picocli.CommandLine;

/**
 * The auditors' replay against a real run: agency topics of three partitions, the streams app on four, simulated
 * histories with duplicates, conflicts and retractions. The replay must give the published figures exactly.
 *
 * <p>The tests share one run of the pipeline over one history: a test that forges a published figure writes the
 * published one back when it ends, and the one that publishes a second history runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {

    private static final Scenario FIRST = Scenario.random(1_500, 21);
    private static final Scenario SECOND = Scenario.random(1_500, 22);

    @TempDir
    static Path dir;

    private KafkaBroker broker;
    private Map<String, Object> client;
    private StreamsRunner streams;
    private List<Tally> settled;

    @BeforeAll
    void runThePipelineOverTheFirstHistory() throws InterruptedException {
        broker = KafkaBroker.start();
        client = broker.clientConfig();
        streams = new Pipeline(client, new TopologySettings(4)).startStreams(dir.resolve("streams"));
        publish(FIRST);
        Figures.awaitNational(client, FIRST.expectedDeported(), FIRST.expectedReturned());
        settled = awaitSettled();
    }

    @AfterAll
    void stopPipeline() {
        streams.close();
        broker.close();
    }

    @Test
    void aReplayOfARealRunEqualsItsTotalsExactlyAndItsDestinationsAddUpToTheNation() throws Exception {
        assertThat(settled).isEqualTo(replay(Optional.empty()));
        assertThat(settled.get(0).deported()).isEqualTo(FIRST.expectedDeported());
        JsonNode destinations = new ObjectMapper().readTree(run("replay", "--by", "destination", "--format", "json"));
        assertThat(destinations.findValuesAsText("destination")).contains("RU", "BY", "OCCUPIED", "UNKNOWN");
        assertThat(destinations.findValues("deported").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .as("every counted case has one destination")
                .isEqualTo(FIRST.expectedDeported());
        assertThat(destinations.findValues("returned").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .isEqualTo(FIRST.expectedReturned());
    }

    @Test
    void thePublishedDestinationAndDailyTalliesEqualTheReplays() {
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(run("totals", "--by", "destination", "--format", "json"))
                    .isEqualTo(run("replay", "--by", "destination", "--format", "json"));
            assertThat(run("totals", "--daily", "--format", "json"))
                    .contains("\"date\":\"")
                    .isEqualTo(run("replay", "--daily", "--format", "json"));
        });
    }

    @Test
    void verifyCatchesAForgedDailyTally() throws Exception {
        assertThat(verify(null, Duration.ofSeconds(30))).isEmpty();
        Tally donetsk = settled.stream()
                .filter(tally -> tally.code().equals("UA-14"))
                .findFirst()
                .orElseThrow();
        LocalDate today = Tally.dayOf(donetsk.updatedAt().toEpochMilli());

        Tally forged = Tally.of("UA-14", 999_999, 0, donetsk.updatedAt()).on(today);
        try (Forgery ignored = forge(Topics.TOTALS_DAILY, forged.topicKey(), forged)) {

            assertThat(verify(null, Duration.ofSeconds(3)))
                    .extracting(Difference::source, Difference::tally, Difference::field, Difference::published)
                    .contains(tuple(Topics.TOTALS_DAILY.name(), "UA-14/" + today, "deported", "999999"));
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theReplayAsOfAnInstantEqualsTheTotalsTheTopicHeldAtThatInstant() throws InterruptedException {
        List<Tally> heldAfterFirst = settled;
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        publish(SECOND);
        List<Tally> heldAfterSecond = awaitSettled();

        assertThat(replay(Optional.of(between))).isEqualTo(heldAfterFirst);
        assertThat(heldAfterSecond).isNotEqualTo(heldAfterFirst);
    }

    @Test
    void verifyPassesOnAnHonestRunAndCatchesAForgedTotal() throws Exception {
        TallyFiles files = new TallyFiles(dir.resolve("tallies"));
        try (FileTallySink sink = new Pipeline(client, new TopologySettings(4)).startFileSink(files)) {
            awaitSettled();
            assertThat(verify(files, Duration.ofSeconds(30))).isEmpty();

            try (Forgery ignored = forge(Tally.of("UA-14", 999_999, 0, Instant.now()))) {

                assertThat(verify(null, Duration.ofSeconds(3)))
                        .extracting(Difference::tally, Difference::field, Difference::published)
                        .contains(tuple("UA-14", "deported", "999999"));
            }
        }
    }

    @Test
    void replayVerifyExitsNonZeroAndPrintsEveryDifferenceAfterAForgery() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine command = Reunify.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(new StringWriter(), true));

        int exitCode;
        try (Forgery ignored = forge(Tally.of("UA-63", 0, 0, Instant.now()))) {
            exitCode = command.execute("replay", "--verify", "--wait", "2s", "--bootstrap", broker.bootstrapServers());
        }

        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString())
                .contains("UA-63 deported: replay ")
                .contains("reunification.totals 0")
                .contains("NOT verified");
    }

    @Test
    void replayVerifyOfThePostgresqlTablesNamesTheirDatabaseWithoutThePasswordInItsUrl() throws Exception {
        try (PostgresServer postgres = PostgresServer.start();
                CapturedLog log = CapturedLog.of("org.reunify")) {
            // The embedded server trusts local logins and ignores it; a container's must be the real one.
            String secret = Objects.requireNonNullElse(postgres.password(), "s3cret-in-the-url");
            String url = postgres.createDatabase();
            Database database = new Database(url + "?password=" + secret, postgres.user(), null);
            try (PostgresTallySink sink = new Pipeline(client, new TopologySettings(4)).startPostgresSink(database)) {
                await().atMost(Duration.ofMinutes(1))
                        .ignoreExceptions()
                        .untilAsserted(() -> assertThat(Tallies.complete(PostgresTallies.tallies(database)))
                                .isEqualTo(settled));
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine command = Reunify.commandLine();
            command.setOut(new PrintWriter(out, true));
            command.setErr(new PrintWriter(err, true));

            int exitCode = command.execute(
                    "replay",
                    "--verify",
                    "--bootstrap",
                    broker.bootstrapServers(),
                    "--jdbc-url",
                    database.jdbcUrl(),
                    "--db-user",
                    database.user());

            assertThat(exitCode).as("replay --verify: %s%s", out, err).isZero();
            assertThat(out.toString()).contains("the sink's tables at " + url + "?password=*** as ");
            assertThat(out + err.toString()).doesNotContain("password=" + secret);
            assertThat(log.lines())
                    .anyMatch(line -> line.contains("password=***"))
                    .noneMatch(line -> line.contains("password=" + secret));
        }
    }

    /** What a reunify command prints, which must exit 0. */
    private String run(String... args) {
        return Commands.run(broker.bootstrapServers(), args);
    }

    private void publish(Scenario scenario) throws InterruptedException {
        new Simulation(client).run(scenario, OptionalInt.of(3), Optional.of((short) 1), 0);
    }

    private List<Tally> awaitSettled() {
        return Figures.awaitSettled(client);
    }

    private List<Tally> replay(Optional<Instant> asOf) {
        return Figures.replay(client, asOf);
    }

    private List<Difference> verify(TallyFiles files, Duration wait) throws InterruptedException {
        return Figures.verify(client, Optional.ofNullable(files), wait);
    }

    private Forgery forge(Tally forged) {
        return forge(Topics.TOTALS, forged.code(), forged);
    }

    /** Writes a tally to a published topic as no stream would; closing it writes the published one back. */
    private <T> Forgery forge(Topic<String, T> topic, String key, T forged) {
        byte[] published = broker.readCommitted(topic.name()).stream()
                .filter(record -> record.key().equals(key))
                .reduce((earlier, later) -> later)
                .orElseThrow()
                .value();
        write(topic.name(), key, topic.valueSerializer().serialize(topic.name(), forged));
        return () -> write(topic.name(), key, published);
    }

    private void write(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(client, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    /** A forged figure on a published topic, for as long as it is open. */
    private interface Forgery extends AutoCloseable {
        @Override
        void close();
    }
}
