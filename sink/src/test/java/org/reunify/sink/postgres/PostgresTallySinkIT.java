package org.reunify.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.TimelineEntry;
import org.reunify.schemas.Topics;
import org.reunify.sink.RunningSink;
import org.reunify.sink.TallyRecords;
import org.reunify.sink.TotalsTopicFixture;
import org.reunify.testkit.CapturedLog;
import org.reunify.testkit.KafkaBrokerExtension;
import org.reunify.testkit.PostgresServer;

/** The PostgreSQL sink on a real broker and a real PostgreSQL server. */
class PostgresTallySinkIT {

    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final String UNDEFINED_TABLE = "42P01";

    @RegisterExtension
    final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static PostgresServer postgres;
    private String jdbcUrl;
    private TotalsTopicFixture totals;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void freshDatabaseAndTopic() {
        jdbcUrl = postgres.createDatabase();
        totals = new TotalsTopicFixture(kafka.broker());
    }

    @AfterEach
    void closeProducer() {
        totals.close();
    }

    @Test
    void theTablesHoldTheLatestTallyOfEveryRegionAndEveryChangeOnce() throws Exception {
        totals.publish(2_000);

        try (RunningSink sink = start(database())) {
            totals.publish(500);
            awaitExactlyTheTopic();
            assertThat(sink.failure()).isNull();
        }
    }

    @Test
    void theReadmesDashboardQueriesAnswerFromTheTables() throws Exception {
        totals.publish(500);
        try (RunningSink sink = start(database())) {
            awaitExactlyTheTopic();
        }
        try (Connection connection = postgres.connect(jdbcUrl);
                Statement statement = connection.createStatement()) {
            try (ResultSet regions =
                    statement.executeQuery("SELECT region, name, outstanding, deported, returned, updated_at "
                            + "FROM region_tallies WHERE region <> 'UA' ORDER BY outstanding DESC")) {
                assertThat(regions.next()).isTrue();
                assertThat(regions.getString("region")).startsWith("UA-");
            }
            try (ResultSet days = statement.executeQuery(
                    "SELECT DISTINCT ON (date_trunc('day', updated_at)) date_trunc('day', updated_at) AS day, "
                            + "deported, returned, outstanding FROM region_tally_history WHERE region = 'UA' "
                            + "ORDER BY date_trunc('day', updated_at), updated_at DESC, source_offset DESC")) {
                assertThat(days.next()).isTrue();
                assertThat(days.getLong("outstanding")).isPositive();
            }
        }
    }

    @Test
    void aConnectionLostBetweenWritingAndCommittingAgainAndAgainNeitherLosesNorRepeatsAChange() throws Exception {
        Random random = new Random(11);
        for (int round = 0; round < 5; round++) {
            totals.publish(300 + random.nextInt(400));
            CrashOnCommit crashing = new CrashOnCommit(database(), 1 + random.nextInt(3));
            try (RunningSink sink = start(crashing)) {
                await().atMost(WITHIN).pollInSameThread().until(() -> {
                    totals.publish(20 + random.nextInt(50));
                    return crashing.crashed();
                });
                totals.publish(200);

                awaitExactlyTheTopic();
                assertThat(sink.failure())
                        .as("the sink reconnected instead of failing")
                        .isNull();
            }
        }
    }

    @Test
    void aSinkStoppedAndStartedAgainGoesOnFromWhereTheDatabaseSaysItWas() throws Exception {
        totals.publish(1_000);
        try (RunningSink sink = start(database())) {
            awaitExactlyTheTopic();
        }
        totals.publish(1_000);
        try (RunningSink sink = start(database())) {
            awaitExactlyTheTopic();
        }
    }

    @Test
    void twoSinksInOneGroupShareThePartitionsAndOneLeavingLosesNothing() throws Exception {
        totals.publish(1_000);
        try (RunningSink first = start(database())) {
            try (RunningSink second = start(database())) {
                totals.publish(1_000);
                Thread.sleep(1_500);
            }
            totals.publish(1_000);
            awaitExactlyTheTopic();
        }
    }

    @Test
    void theTimelineAndTheDaysKeepTheirTablesEqualToTheirTopicsDeletionsIncluded() throws Exception {
        kafka.broker().createTopic(Topics.TIMELINE.name(), 1, Topics.TIMELINE.configs());
        kafka.broker().createTopic(Topics.TOTALS_DAILY.name(), 1, Topics.TOTALS_DAILY.configs());
        LocalDate dec1 = LocalDate.parse("2025-12-01");
        LocalDate dec3 = LocalDate.parse("2025-12-03");
        Tally firstDay =
                Tally.of("UA-14", 1, 0, Instant.parse("2025-12-01T10:00:00Z")).on(dec1);
        Tally cancelled =
                Tally.of("UA-14", 0, 0, Instant.parse("2025-12-01T10:00:00Z")).on(dec3);
        TimelineEntry april = TimelineEntry.of("UA-14", "2022-04", 1, 0);
        TimelineEntry unknown = TimelineEntry.of("UA-14", TimelineEntry.UNKNOWN_MONTH, 1, 0);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(kafka.broker().clientConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record(Topics.TIMELINE.name(), april.key(), TallyJson.toBytes(april)));
            producer.send(record(Topics.TIMELINE.name(), unknown.key(), TallyJson.toBytes(unknown)));
            producer.send(record(Topics.TIMELINE.name(), unknown.key(), null));
            producer.send(record(Topics.TOTALS_DAILY.name(), firstDay.topicKey(), dailyBytes(firstDay)));
            producer.send(record(Topics.TOTALS_DAILY.name(), cancelled.topicKey(), dailyBytes(cancelled)));
            producer.send(record(Topics.TOTALS_DAILY.name(), cancelled.topicKey(), null));
        }
        totals.publish(10);

        try (RunningSink sink = start(database())) {
            awaitTables().untilAsserted(() -> {
                assertThat(PostgresTallies.timeline(database())).containsExactly(april);
                assertThat(PostgresTallies.dailyTallies(database())).containsExactly(firstDay);
            });
            assertThat(sink.failure()).isNull();
        }
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key, value);
    }

    private static byte[] dailyBytes(Tally day) {
        return Topics.TOTALS_DAILY.valueSerializer().serialize(Topics.TOTALS_DAILY.name(), day);
    }

    @Test
    void recordsThatHoldNoTallyAreSkippedAndCountedAndTheSinkGoesOnPastThemAfterARestart() throws Exception {
        try (CapturedLog log = CapturedLog.of(TallyRecords.class.getName())) {
            totals.publish(300);
            int malformed = totals.publishMalformed();
            totals.publish(300);
            PostgresTallySink first = new PostgresTallySink(kafka.broker().clientConfig(), database());
            try (RunningSink running = new RunningSink(first)) {
                awaitExactlyTheTopic();
                await().atMost(WITHIN).until(() -> first.skipped() == malformed);
                assertThat(running.failure()).isNull();
            }

            // The sink goes on from the offsets its database holds, past the records it skipped: it meets only the new
            // ones.
            int more = totals.publishMalformed();
            totals.publish(300);
            PostgresTallySink restarted = new PostgresTallySink(kafka.broker().clientConfig(), database());
            try (RunningSink running = new RunningSink(restarted)) {
                awaitExactlyTheTopic();
                await().atMost(WITHIN).until(() -> restarted.skipped() == more);
                assertThat(running.failure()).isNull();
            }

            assertThat(log.warnings())
                    .as("one warning per skipped record, saying where it lies, never what it holds")
                    .hasSize(malformed + more)
                    .allSatisfy(line -> assertThat(line)
                            .contains("on reunification.totals at partition")
                            .doesNotContain(TotalsTopicFixture.MARKER));
        }
    }

    @Test
    void aPasswordInTheJdbcUrlNeverReachesTheLogWhetherTheDatabaseAnswersOrNot() throws Exception {
        // The embedded server trusts local logins and ignores it; a container's must be the real one.
        String secret = Objects.requireNonNullElse(postgres.password(), "s3cret-in-the-url");
        String unreachable;
        try (ServerSocket closed = new ServerSocket(0)) {
            unreachable = "jdbc:postgresql://127.0.0.1:" + closed.getLocalPort() + "/reunify?password=" + secret;
        }
        totals.publish(100);
        try (CapturedLog log = CapturedLog.of("org.reunify")) {
            try (RunningSink sink = start(new Database(jdbcUrl + "?password=" + secret, postgres.user(), null))) {
                awaitExactlyTheTopic();
            }
            try (RunningSink sink = start(new Database(unreachable, null, null))) {
                await().atMost(WITHIN).until(() -> log.warnings().stream().anyMatch(line -> line.contains("failed")));
            }

            assertThat(log.lines())
                    .anyMatch(
                            line -> line.contains("writing tallies to PostgreSQL at " + jdbcUrl + "?password=*** as "))
                    .anyMatch(line -> line.contains("PostgreSQL at " + JdbcUrls.redact(unreachable) + " failed"))
                    .noneMatch(line -> line.contains("password=" + secret));
        }
    }

    private void awaitExactlyTheTopic() {
        awaitTables().untilAsserted(() -> {
            // Read again each time: a read just after a commit may not see the transaction's markers yet.
            List<PostgresTallies.HistoryRow> changes = totals.changes();
            assertThat(PostgresTallies.history(database()))
                    .as("the history: every change, once, in order")
                    .isEqualTo(changes);
            assertThat(PostgresTallies.tallies(database()))
                    .as("region_tallies")
                    .isEqualTo(TotalsTopicFixture.latest(changes));
        });
    }

    /**
     * Waits up to {@link #WITHIN} for the tables to say what is asserted, the sink having created them by then: a table
     * it has not created yet (SQL state 42P01) is waited for, any other error fails the test.
     */
    private static ConditionFactory awaitTables() {
        return await().atMost(WITHIN)
                .ignoreExceptionsMatching(
                        e -> e instanceof SQLException sql && UNDEFINED_TABLE.equals(sql.getSQLState()));
    }

    private Database database() {
        return new Database(jdbcUrl, postgres.user(), postgres.password());
    }

    private RunningSink start(ConnectionSource source) {
        return new RunningSink(new PostgresTallySink(kafka.broker().clientConfig(), source));
    }

    /**
     * A database whose first connection dies at its n-th commit after the sink has written a batch: the server never
     * sees the commit and rolls the transaction back, as when PostgreSQL restarts or the network drops at that moment.
     */
    private static final class CrashOnCommit implements ConnectionSource {

        private final Database database;
        private final AtomicInteger commitsLeft;
        private volatile boolean crashed;

        CrashOnCommit(Database database, int commit) {
            this.database = database;
            this.commitsLeft = new AtomicInteger(commit);
        }

        @Override
        public Connection open() throws SQLException {
            Connection real = database.open();
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("commit")
                                && !crashed
                                && inBatch(real)
                                && commitsLeft.decrementAndGet() == 0) {
                            real.close();
                            crashed = true;
                            throw new SQLException("the connection died between writing and committing");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        boolean crashed() {
            return crashed;
        }

        /** Only the commits of written batches count, not those of the migrations or the offset reads. */
        private static boolean inBatch(Connection connection) throws SQLException {
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(
                            "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND mode = 'RowExclusiveLock' "
                                    + "AND relation = 'region_tally_history'::regclass")) {
                result.next();
                return result.getLong(1) > 0;
            }
        }

        @Override
        public String toString() {
            return database + " (crashing at a commit)";
        }
    }
}
