package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.reunify.app.SecuredReunify.listTopics;
import static org.reunify.app.SecuredReunify.quick;
import static org.reunify.app.support.Attempt.Verdict.ALLOWED;
import static org.reunify.app.support.Attempt.Verdict.DENIED;
import static org.reunify.app.support.Attempt.Verdict.REFUSED;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Attempt;
import org.reunify.app.support.EventLines;
import org.reunify.app.support.Figures;
import org.reunify.schemas.Topics;
import org.reunify.security.AccessPolicy;
import org.reunify.security.ClientCredentials;
import org.reunify.security.CredentialFiles;
import org.reunify.security.Principals;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.postgres.Database;
import org.reunify.sink.postgres.PostgresTallies;
import org.reunify.sink.postgres.PostgresTallySink;
import org.reunify.testkit.PostgresServer;
import picocli.CommandLine;

/**
 * {@code reunify up --secure} as users run it, and every principal trying what it may and may not do. Each test is a
 * row of the table in docs/SECURITY.md; the first runs the whole pipeline under these ACLs, the others rely on its
 * history being there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

    private static final String A = "agency-nib";
    /** What the two agencies' files below count to: five cases, one returned, one case reported by both. */
    private static final Map<String, String> COUNTED = Map.of("UA", "5/1/4", "UA-14", "4/1/3", "UA-30", "1/0/1");

    @TempDir
    static Path dir;

    private SecuredReunify reunify;

    @BeforeAll
    void startSecuredReunify() throws Exception {
        reunify = SecuredReunify.start(dir);
        for (String agency : List.of("nib", "police")) {
            assertThat(command(
                            "agency",
                            "add",
                            agency,
                            "--command-config",
                            login("admin").toString()))
                    .isZero();
        }
    }

    @AfterAll
    void stop() {
        reunify.close();
    }

    @Test
    @Order(1)
    void agenciesPublishingUnderTheirLoginsGetExactTotalsFromThePipelineRunningAsItsOwnPrincipal() throws Exception {
        Attempt.expect(
                ALLOWED,
                "agencies nib and police, the pipeline, the file sink",
                "publish two files and count them (`reunify publish`, `up --secure`)",
                () -> {
                    publish(
                            "nib",
                            List.of(
                                    EventLines.deportation("a-1", "c-1", "UA-14"),
                                    EventLines.deportation("a-2", "c-2", "UA-14"),
                                    EventLines.deportation("a-3", "c-3", "UA-14"),
                                    "{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"a-4\",\"caseId\":\"c-1\","
                                            + "\"region\":\"UA-14\",\"occurredOn\":\"2025-12-01\"}"));
                    publish(
                            "police",
                            List.of(
                                    EventLines.deportation("b-1", "c-3", "UA-14"),
                                    EventLines.deportation("b-2", "c-4", "UA-14"),
                                    EventLines.deportation("b-3", "c-5", "UA-30")));
                    Figures.awaitTotals(client("dashboard"), COUNTED);
                    Figures.awaitTallyFile(new TallyFiles(reunify.data.resolve("tallies")), COUNTED);
                });
    }

    @Test
    @Order(2)
    void anAuditorReplaysAndVerifiesEveryPublishedFigure() {
        Attempt.expect(
                ALLOWED,
                "auditor",
                "replay the history and verify the totals (`reunify replay --verify`)",
                () -> assertThat(command(
                                "replay",
                                "--verify",
                                "--command-config",
                                login("auditor").toString()))
                        .isZero());
    }

    @Test
    @Order(3)
    void aDashboardReadsTheTotals() {
        Attempt.expect(
                ALLOWED,
                "dashboard",
                "read reunification.totals (`reunify totals`)",
                () -> assertThat(command(
                                "totals", "--command-config", login("dashboard").toString()))
                        .isZero());
    }

    @Test
    @Order(4)
    void thePipelineKeepsThePostgresqlTablesInItsOwnConsumerGroup() {
        Attempt.expect(
                ALLOWED,
                "pipeline",
                "keep PostgreSQL's region_tallies (`reunify sink --jdbc-url`, group reunify-sink-postgres)",
                () -> {
                    try (PostgresServer postgres = PostgresServer.start()) {
                        Database database =
                                new Database(postgres.createDatabase(), postgres.user(), postgres.password());
                        try (PostgresTallySink sink = new PostgresTallySink(client("pipeline"), database)) {
                            Thread writer = new Thread(sink, "postgres-sink");
                            writer.start();
                            // Until the sink has made its tables, there is nothing to query.
                            await().atMost(Duration.ofMinutes(1))
                                    .ignoreExceptions()
                                    .untilAsserted(() -> assertThat(Figures.of(PostgresTallies.tallies(database)))
                                            .isEqualTo(COUNTED));
                        }
                    }
                });
    }

    @Test
    @Order(10)
    void aClientWithoutALoginIsRefused() {
        // The broker closes every connection of a client that does not log in before serving it anything: however
        // long the client tries, it can only time out, so three seconds show it as well as the quick clients' ten.
        Map<String, Object> anonymous = quick(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, reunify.bootstrap));
        anonymous.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        anonymous.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        Attempt.expect(REFUSED, "anyone without a login", "list the topics", () -> {
            try (Admin admin = Admin.create(anonymous)) {
                admin.listTopics().names().get();
            }
        });
        assertThat(catchThrowable(() -> listTopics(client("dashboard"))))
                .as("the broker answers a login meanwhile")
                .isNull();
    }

    @Test
    @Order(11)
    void aWrongPasswordIsRefused() {
        Map<String, Object> wrong = client(A);
        wrong.putAll(new ClientCredentials(A, "not-the-password-of-agency-nib").saslSettings());
        Attempt.expect(REFUSED, "agency nib with a wrong password", "list the topics", () -> listTopics(wrong));
    }

    @Test
    @Order(12)
    void anUnknownUserIsRefused() {
        Map<String, Object> stranger = client(A);
        stranger.putAll(ClientCredentials.generate("agency-c").saslSettings());
        Attempt.expect(REFUSED, "an unknown user agency-c", "list the topics", () -> listTopics(stranger));
    }

    @Test
    @Order(20)
    void anAgencyCannotWriteAnotherAgencysTopic() {
        Attempt.expect(
                DENIED,
                "agency nib",
                "write to reunification.events.police",
                () -> write(A, Topics.eventsTopic("police")));
    }

    @Test
    @Order(21)
    void anAgencyCannotWriteTheTotals() {
        Attempt.expect(DENIED, "agency nib", "write to reunification.totals", () -> write(A, Topics.TOTALS.name()));
    }

    @Test
    @Order(22)
    void anAgencyCannotWriteTheRejectedTopic() {
        Attempt.expect(DENIED, "agency nib", "write to reunification.rejected", () -> write(A, Topics.REJECTED.name()));
    }

    @Test
    @Order(23)
    void anAgencyCannotReadAnotherAgencysTopic() {
        Attempt.expect(
                DENIED, "agency nib", "read reunification.events.police", () -> read(A, Topics.eventsTopic("police")));
    }

    @Test
    @Order(24)
    void anAgencyCannotDeleteRecordsOfItsOwnTopic() {
        Attempt.expect(DENIED, "agency nib", "delete records of its own topic", () -> {
            try (Admin admin = Admin.create(client(A))) {
                admin.deleteRecords(Map.of(
                                new TopicPartition(Topics.eventsTopic("nib"), 0), RecordsToDelete.beforeOffset(1)))
                        .all()
                        .get();
            }
        });
    }

    @Test
    @Order(25)
    void anAgencyCannotShortenItsTopicsRetention() {
        Attempt.expect(
                DENIED, "agency nib", "set retention.ms=1000 on its own topic", () -> shortenRetention(A, "nib"));
    }

    @Test
    @Order(26)
    void anAgencyCannotGrantItselfAnotherAgencysTopic() {
        Attempt.expect(DENIED, "agency nib", "create an ACL letting it write reunification.events.police", () -> {
            try (Admin admin = Admin.create(client(A))) {
                admin.createAcls(AccessPolicy.agency(Principals.principal(A), "police"))
                        .all()
                        .get();
            }
        });
    }

    @Test
    @Order(27)
    void anAgencyCannotUseThePipelinesTransactionalIds() {
        Attempt.expect(
                DENIED, "agency nib", "start a transaction as the streams app (transactional.id reunify-…)", () -> {
                    Map<String, Object> config = client(A);
                    config.put(
                            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reunify-00000000-0000-0000-0000-000000000000-1");
                    try (KafkaProducer<byte[], byte[]> producer =
                            new KafkaProducer<>(quick(config), new ByteArraySerializer(), new ByteArraySerializer())) {
                        producer.initTransactions();
                    }
                });
    }

    @Test
    @Order(28)
    void anAgencySeesOnlyItsOwnTopic() {
        Attempt.expect(ALLOWED, "agency nib", "list the topics, and see its own only", () -> {
            try (Admin admin = Admin.create(quick(client(A)))) {
                assertThat(admin.listTopics().names().get()).containsExactly(Topics.eventsTopic("nib"));
            }
        });
    }

    @Test
    @Order(29)
    void anAgencyCannotChangeItsOwnPassword() {
        Attempt.expect(DENIED, "agency nib", "change its own password (alterUserScramCredentials)", () -> {
            try (Admin admin = Admin.create(quick(client(A)))) {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                                A,
                                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                                "a-password-of-its-own-choosing")))
                        .all()
                        .get();
            }
        });
    }

    @Test
    @Order(30)
    void aDashboardCannotReadTheEvents() {
        Attempt.expect(
                DENIED,
                "dashboard",
                "read reunification.events.nib",
                () -> read("dashboard", Topics.eventsTopic("nib")));
    }

    @Test
    @Order(31)
    void aDashboardCannotReadTheRejectedRecords() {
        Attempt.expect(
                DENIED, "dashboard", "read reunification.rejected", () -> read("dashboard", Topics.REJECTED.name()));
    }

    @Test
    @Order(32)
    void aDashboardCannotWriteTheTotals() {
        Attempt.expect(
                DENIED, "dashboard", "write to reunification.totals", () -> write("dashboard", Topics.TOTALS.name()));
    }

    @Test
    @Order(33)
    void aDashboardCannotJoinThePipelinesConsumerGroups() {
        Attempt.expect(
                DENIED, "dashboard", "read the totals in the PostgreSQL sink's group reunify-sink-postgres", () -> {
                    Map<String, Object> config = quick(client("dashboard"));
                    config.put(ConsumerConfig.GROUP_ID_CONFIG, PostgresTallySink.DEFAULT_GROUP_ID);
                    try (KafkaConsumer<byte[], byte[]> consumer =
                            new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                        consumer.subscribe(List.of(Topics.TOTALS.name()));
                        consumer.poll(Duration.ofSeconds(10));
                    }
                });
    }

    @Test
    @Order(40)
    void anAuditorCannotWriteTheTotals() {
        Attempt.expect(
                DENIED, "auditor", "write to reunification.totals", () -> write("auditor", Topics.TOTALS.name()));
    }

    @Test
    @Order(41)
    void anAuditorCannotWriteAnAgencyTopic() {
        Attempt.expect(
                DENIED,
                "auditor",
                "write to reunification.events.nib",
                () -> write("auditor", Topics.eventsTopic("nib")));
    }

    @Test
    @Order(50)
    void thePipelineCannotForgeAnAgencysEvent() {
        Attempt.expect(
                DENIED,
                "pipeline",
                "write to reunification.events.nib",
                () -> write("pipeline", Topics.eventsTopic("nib")));
    }

    @Test
    @Order(51)
    void thePipelineCannotDeleteAnAgencysRecords() {
        Attempt.expect(DENIED, "pipeline", "delete records of reunification.events.nib", () -> {
            try (Admin admin = Admin.create(quick(client("pipeline")))) {
                admin.deleteRecords(Map.of(
                                new TopicPartition(Topics.eventsTopic("nib"), 0), RecordsToDelete.beforeOffset(1)))
                        .all()
                        .get();
            }
        });
    }

    @Test
    @Order(52)
    void thePipelineCannotShortenAnAgencysRetention() {
        Attempt.expect(
                DENIED,
                "pipeline",
                "set retention.ms=1000 on reunification.events.nib",
                () -> shortenRetention("pipeline", "nib"));
    }

    @Test
    @Order(56)
    void aSuspendedAgencyMayNoLongerWriteAndWhatItPublishedStaysCounted() throws Exception {
        assertThat(command(
                        "agency",
                        "suspend",
                        "nib",
                        "--command-config",
                        login("admin").toString()))
                .isZero();

        Attempt.expect(
                DENIED,
                "agency nib, suspended (`reunify agency suspend nib`)",
                "write to reunification.events.nib",
                () -> write(A, Topics.eventsTopic("nib")));
        Figures.awaitTotals(client("dashboard"), COUNTED);
        assertThat(command(
                        "agency",
                        "add",
                        "nib",
                        "--command-config",
                        login("admin").toString()))
                .as("agency add run again")
                .isZero();
        Attempt.expect(
                DENIED,
                "agency nib, suspended, after `reunify agency add nib` is run again",
                "write to reunification.events.nib",
                () -> write(A, Topics.eventsTopic("nib")));
        assertThat(agencyList())
                .contains("{\"agency\":\"nib\",\"topic\":\"reunification.events.nib\",\"partitions\":6,"
                        + "\"login\":\"agency-nib\",\"write\":\"suspended\",\"latestEvent\":\"")
                .contains("\"agency\":\"police\"", "\"write\":\"allowed\"");
    }

    @Test
    @Order(57)
    void aResumedAgencyPublishesAgainWithItsPassword() throws Exception {
        assertThat(command(
                        "agency",
                        "resume",
                        "nib",
                        "--command-config",
                        login("admin").toString()))
                .isZero();

        Attempt.expect(
                ALLOWED,
                "agency nib, resumed (`reunify agency resume nib`), with the password it had",
                "publish a file and have it counted",
                () -> {
                    publish("nib", List.of(EventLines.deportation("a-9", "c-9", "UA-30")));
                    Figures.awaitTotals(client("dashboard"), Map.of("UA", "6/1/5", "UA-14", "4/1/3", "UA-30", "2/0/2"));
                });
        assertThat(agencyList()).contains("\"login\":\"agency-nib\",\"write\":\"allowed\"");
    }

    @Test
    @Order(54)
    void aNewPasswordReplacesTheOldOneInTheLoginFile() throws Exception {
        Map<String, Object> before = client("agency-police");

        assertThat(command(
                        "agency",
                        "password",
                        "police",
                        "--command-config",
                        login("admin").toString()))
                .isZero();

        assertThat(catchThrowable(() -> listTopics(client("agency-police"))))
                .as("the new login")
                .isNull();
        // The broker learns the new credential through its metadata log, a moment after the command returns.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(catchThrowable(() -> listTopics(before)))
                        .as("the old login")
                        .hasRootCauseInstanceOf(SaslAuthenticationException.class));
        assertThat(reunify.logins().resolve("agency-police.properties.new")).doesNotExist();
    }

    @Test
    @Order(55)
    void aLoginIsNeverGivenASecondRole() {
        int exit = command(
                "principal",
                "add",
                "--role",
                "dashboard",
                "pipeline",
                "--command-config",
                login("admin").toString());

        assertThat(exit)
                .as("principal add --role dashboard on the pipeline's login")
                .isEqualTo(1);
    }

    @Test
    @Order(60)
    void loginsAreOwnerOnlyFilesAndNoPasswordReachesTheConsoleOrTheLog() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(reunify.logins())))
                .isEqualTo("rwx------");
        List<Path> files;
        try (Stream<Path> listed = Files.list(reunify.logins())) {
            files = listed.filter(file -> file.toString().endsWith(".properties"))
                    .toList();
        }
        assertThat(files)
                .extracting(file -> file.getFileName().toString())
                .contains(
                        "admin.properties",
                        "pipeline.properties",
                        "dashboard.properties",
                        "auditor.properties",
                        "agency-nib.properties");
        String console = String.join("\n", reunify.up.lines) + Files.readString(reunify.log);
        for (Path file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as("%s", file)
                    .isEqualTo("rw-------");
            String password = ClientCredentials.from(CredentialFiles.read(file), file.toString())
                    .password();
            assertThat(console).as("up's output and log").doesNotContain(password);
        }
    }

    private String agencyList() {
        CommandLine list = Reunify.commandLine();
        StringWriter out = new StringWriter();
        list.setOut(new PrintWriter(out, true));
        assertThat(list.execute(
                        "agency",
                        "list",
                        "--format",
                        "json",
                        "--bootstrap",
                        reunify.bootstrap,
                        "--command-config",
                        login("admin").toString()))
                .isZero();
        return out.toString();
    }

    private void publish(String agency, List<String> lines) throws Exception {
        Path file = Files.write(dir.resolve(agency + ".jsonl"), lines);
        assertThat(command(
                        "publish",
                        "--agency",
                        agency,
                        "--command-config",
                        login(Principals.agencyUser(agency)).toString(),
                        file.toString()))
                .isZero();
    }

    private int command(String... args) {
        return reunify.command(args);
    }

    private Path login(String user) {
        return reunify.login(user);
    }

    private Map<String, Object> client(String user) {
        return reunify.client(user);
    }

    private void shortenRetention(String user, String agency) throws Exception {
        try (Admin admin = Admin.create(quick(client(user)))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.eventsTopic(agency));
            admin.incrementalAlterConfigs(Map.of(
                            topic,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
        }
    }

    private void write(String user, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(quick(client(user)), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "c-x".getBytes(), "forged".getBytes()))
                    .get();
        }
    }

    private void read(String user, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(quick(client(user)), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(Set.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            consumer.poll(Duration.ofSeconds(10));
        }
    }
}
