package org.reunify.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.security.ClientCredentials;
import org.reunify.security.Principals;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void startsAndServesClients() throws Exception {
        int[] ports = BrokerPorts.free(2);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, ports[0], ports[1])) {
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + ports[0]);
            assertThat(kafka.logDir()).isEqualTo(dataDir.toAbsolutePath().resolve("kafka"));
            assertThat(kafka.logDir().resolve("meta.properties")).exists();

            createTopic(kafka, "cases");
            try (Admin admin = admin(kafka)) {
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "cases");
                var config = admin.describeConfigs(List.of(topic))
                        .all()
                        .get(30, TimeUnit.SECONDS)
                        .get(topic);
                assertThat(config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value())
                        .isEqualTo("LogAppendTime");
                assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            }

            try (KafkaProducer<String, String> producer = producer(kafka, null)) {
                producer.send(new ProducerRecord<>("cases", "case-1", "idempotent"))
                        .get(30, TimeUnit.SECONDS);
            }
            // The transaction state log is created on first use: it needs replication factor 1 on this broker.
            try (KafkaProducer<String, String> producer = producer(kafka, "reunify-test-tx")) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("cases", "case-2", "transactional"));
                producer.commitTransaction();
            }

            List<ConsumerRecord<String, String>> records = consume(kafka, "cases", 2);
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("idempotent", "transactional");
            assertThat(records).allSatisfy(r -> assertThat(r.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME));
        }
    }

    @Test
    void keepsTopicsAndRecordsAcrossARestartOnTheSameDataDir() throws Exception {
        int[] ports = BrokerPorts.free(2);
        String clusterId;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, ports[0], ports[1])) {
            createTopic(kafka, "cases");
            try (KafkaProducer<String, String> producer = producer(kafka, null)) {
                producer.send(new ProducerRecord<>("cases", "case-1", "before restart"))
                        .get(30, TimeUnit.SECONDS);
            }
            clusterId = clusterId(kafka);
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, ports[0], ports[1])) {
            assertThat(clusterId(kafka)).as("not reformatted").isEqualTo(clusterId);
            try (Admin admin = admin(kafka)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("cases");
            }
            try (KafkaProducer<String, String> producer = producer(kafka, null)) {
                producer.send(new ProducerRecord<>("cases", "case-2", "after restart"))
                        .get(30, TimeUnit.SECONDS);
            }
            assertThat(consume(kafka, "cases", 2))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("before restart", "after restart");
        }
    }

    @Test
    void aTakenPortIsRefusedWithAClearMessage() throws Exception {
        int[] ports = BrokerPorts.free(2);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), ports[0]));

            assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, ports[0], ports[1]))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessage("port " + ports[0] + " is in use: is another broker running? use --port");
        }
        assertThat(dataDir.resolve("kafka")).as("nothing formatted").doesNotExist();
    }

    @Test
    void aDataDirInUseIsRefusedWithAClearMessage() throws Exception {
        int[] ports = BrokerPorts.free(4);
        try (EmbeddedKafka running = EmbeddedKafka.start(dataDir, ports[0], ports[1])) {
            assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, ports[2], ports[3]))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessage("the data directory " + dataDir.toAbsolutePath()
                            + " is in use by another running broker: stop it first, or choose another data directory");

            try (Admin admin = admin(running)) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .as("still serving")
                        .hasSize(1);
            }
        }
    }

    @Test
    void aSecuredBrokerLetsItsSuperUserInAgainAfterARestartAndNobodyWithoutALogin() throws Exception {
        int[] ports = BrokerPorts.free(2);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, ports[0], ports[1], BrokerSecurity.secure(false))) {
            assertThat(kafka.adminFile())
                    .contains(dataDir.toAbsolutePath().resolve("credentials").resolve("admin.properties"));
            createTopic(kafka, "cases");
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, ports[0], ports[1], BrokerSecurity.secure(false))) {
            try (Admin admin = admin(kafka)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("cases");
            }
            try (Admin anonymous = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
                assertThatThrownBy(() -> anonymous.listTopics().names().get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(TimeoutException.class);
            }
        }
    }

    @Test
    void aLoginWhosePasswordIsRotatedLosesTheConnectionItHasOpenWithinItsSessionLifetime() throws Exception {
        Duration lifetime = Duration.ofSeconds(6);
        int[] ports = BrokerPorts.free(2);
        BrokerSecurity security = BrokerSecurity.secure(false).withSessionLifetime(lifetime);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, ports[0], ports[1], security);
                Admin admin = admin(kafka)) {
            Principals principals = new Principals(admin);
            ClientCredentials before = ClientCredentials.generate("wall-screen");
            principals.issue(before);
            Map<String, Object> login = new HashMap<>(kafka.clientConfig());
            login.putAll(before.saslSettings());
            login.putAll(Map.of(
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    5_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    3_000));
            try (Admin session = Admin.create(login)) {
                session.listTopics().names().get(30, TimeUnit.SECONDS);

                principals.issue(ClientCredentials.generate("wall-screen"));

                assertThat(session.listTopics().names().get(30, TimeUnit.SECONDS))
                        .as("the open connection, until it logs in again")
                        .isEmpty();
                await().atMost(lifetime.multipliedBy(2))
                        .untilAsserted(() -> assertThatThrownBy(
                                        () -> session.listTopics().names().get(30, TimeUnit.SECONDS))
                                .hasCauseInstanceOf(SaslAuthenticationException.class));
            }
        }
    }

    @Test
    void aSecuredDataDirIsNeverStartedOpen() throws Exception {
        int[] ports = BrokerPorts.free(2);
        EmbeddedKafka.start(dataDir, ports[0], ports[1], BrokerSecurity.secure(false))
                .close();

        assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, ports[0], ports[1]))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining("is secured")
                .hasMessageContaining("--secure");
    }

    @Test
    void anOpenDataDirIsNotSecuredAfterTheFactBecauseAnyoneCouldHaveWrittenIt() throws Exception {
        int[] ports = BrokerPorts.free(2);
        EmbeddedKafka.start(dataDir, ports[0], ports[1]).close();

        assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, ports[0], ports[1], BrokerSecurity.secure(false)))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining("was made without --secure");
        assertThat(dataDir.resolve("credentials")).as("no login issued").doesNotExist();
    }

    private static void createTopic(EmbeddedKafka kafka, String name) throws Exception {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1)
                            .configs(Map.of(
                                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
                                    TopicConfig.RETENTION_MS_CONFIG, "-1"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static String clusterId(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            String id = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            assertThat(Files.readString(kafka.logDir().resolve("meta.properties")))
                    .contains("cluster.id=" + id);
            return id;
        }
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(kafka.clientConfig());
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka, String transactionalId) {
        Properties props = new Properties();
        props.putAll(kafka.clientConfig());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> consume(EmbeddedKafka kafka, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reunify-test-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            consumer.commitSync(Duration.ofSeconds(10));
        }
        return records;
    }
}
