package org.reunify.broker;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.utils.Time;
import org.reunify.schemas.Waits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node Kafka broker of {@code reunify up}: the real broker from the {@code kafka_2.13} artifacts, in
 * KRaft combined mode (broker and controller in this JVM), listening on 127.0.0.1 only.
 *
 * <p>The first start on an empty data directory formats it the way {@code kafka-storage.sh format} does; later starts
 * reuse it, so topics and records survive restarts (also after a kill: Kafka recovers its logs on start).
 * {@link #start} returns once the broker answers clients and accepts topic creations.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Kafka's own directory inside the data directory: partitions and the metadata log. */
    static final String KAFKA_DIR = "kafka";

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_POLL = Duration.ofMillis(100);

    private static final String READINESS_PROBE_TOPIC = "reunify-readiness-probe";

    private final KafkaRaftServer server;
    private final DataDirLock lock;
    private final Path logDir;
    private final int port;
    private final Map<String, Object> clientConfig;
    private final Optional<Path> adminFile;
    private final Optional<Keystore> keystore;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The TLS listener's key and certificate: a PKCS12 keystore and its password (never printed). */
    public record Keystore(Path file, String password) {

        @Override
        public String toString() {
            return "Keystore[file=" + file + ", password=(hidden)]";
        }
    }

    private EmbeddedKafka(
            KafkaRaftServer server, DataDirLock lock, Path logDir, int port, Optional<BrokerSecurity.Secured> secured) {
        this.server = server;
        this.lock = lock;
        this.logDir = logDir;
        this.port = port;
        Map<String, Object> config = new HashMap<>();
        secured.ifPresent(logins -> config.putAll(logins.adminClientSettings()));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        this.clientConfig = Map.copyOf(config);
        this.adminFile = secured.map(BrokerSecurity.Secured::adminFile);
        this.keystore = secured.flatMap(BrokerSecurity.Secured::tls)
                .map(tls -> new Keystore(tls.keystore(), tls.keystorePassword()));
    }

    /** Starts an open broker (PLAINTEXT, no ACLs); see {@link #start(Path, int, int, BrokerSecurity)}. */
    public static EmbeddedKafka start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, port, controllerPort, BrokerSecurity.open());
    }

    /** Starts an open broker on two free ports, for a run that owns its broker and tells no one its address. */
    public static EmbeddedKafka startOnFreePorts(Path dataDir) {
        int[] ports = BrokerPorts.free(2);
        return start(dataDir, ports[0], ports[1]);
    }

    /**
     * Starts the broker and waits until it serves clients.
     *
     * @param dataDir        the data directory; created if missing. Kafka keeps everything in {@code dataDir/kafka}.
     * @param port           the client port on 127.0.0.1
     * @param controllerPort the KRaft controller port on 127.0.0.1 (not for clients)
     * @param security       open, or secured with logins and ACLs
     * @throws EmbeddedKafkaException with a message for the user when a port is taken, the data directory is used by
     *                                another broker or is not a broker's, or the broker does not become ready in time
     */
    public static EmbeddedKafka start(Path dataDir, int port, int controllerPort, BrokerSecurity security) {
        BrokerPorts.checkValid(port, controllerPort);
        long startNanos = System.nanoTime();
        Path data = dataDir.toAbsolutePath().normalize();
        createDirectories(data);
        Path logDir = data.resolve(KAFKA_DIR);
        DataDirLock lock = DataDirLock.acquire(data, logDir);
        try {
            BrokerPorts.checkFree(port, controllerPort);

            Optional<BrokerSecurity.Secured> secured = security.prepare(data, StorageFormat.isFormatted(logDir));
            KafkaConfig config = new KafkaConfig(BrokerConfig.properties(logDir, port, controllerPort, secured), false);
            List<String> scramArguments =
                    secured.map(BrokerSecurity.Secured::scramArguments).orElse(List.of());
            StorageFormat.formatIfNew(config, logDir, scramArguments)
                    .ifPresent(clusterId -> LOG.info(
                            "Formatted a new Kafka data directory {} (cluster id {}, metadata.version {})",
                            logDir,
                            clusterId,
                            StorageFormat.METADATA_VERSION));

            EmbeddedKafka kafka =
                    new EmbeddedKafka(startServer(config, data, port, controllerPort), lock, logDir, port, secured);
            try {
                kafka.awaitReady(READY_TIMEOUT);
            } catch (RuntimeException | Error e) {
                kafka.close();
                throw e;
            }
            LOG.info(
                    "Kafka broker ready on {} ({}) with data in {} (started in {} ms)",
                    kafka.bootstrapServers(),
                    secured.map(logins ->
                                    logins.connection().get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) + ", ACLs")
                            .orElse("PLAINTEXT, open"),
                    logDir,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            return kafka;
        } catch (RuntimeException | Error e) {
            lock.release();
            throw e;
        }
    }

    /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return BrokerConfig.HOST + ":" + port;
    }

    /**
     * Bootstrap servers, and the super user's login on a secured broker: what {@code reunify up} administers it with.
     */
    public Map<String, Object> clientConfig() {
        return clientConfig;
    }

    /** On a secured broker, the owner-only file with the super user's client properties. */
    public Optional<Path> adminFile() {
        return adminFile;
    }

    /**
     * On a broker secured with TLS ({@code up --tls}), its key and certificate, for an HTTPS port of the same process
     * to present the certificate clients already trust ({@code credentials/ca.pem}).
     */
    public Optional<Keystore> tlsKeystore() {
        return keystore;
    }

    /** Kafka's directory: {@code dataDir/kafka}, holding the partitions and the metadata log. */
    public Path logDir() {
        return logDir;
    }

    /** Controlled shutdown, waiting until the broker has stopped. Safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long startNanos = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            lock.release();
        }
        LOG.info(
                "Kafka broker on {} stopped (in {} ms)",
                bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private static KafkaRaftServer startServer(KafkaConfig config, Path dataDir, int port, int controllerPort) {
        KafkaRaftServer server = null;
        try {
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return server;
        } catch (RuntimeException e) {
            stopQuietly(server);
            throw StartFailure.explain(e, dataDir, port, controllerPort);
        } catch (Error e) {
            stopQuietly(server);
            throw e;
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> adminProps = new HashMap<>(clientConfig);
        adminProps.putAll(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, "reunify-broker-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100,
                AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 500));
        AtomicReference<Throwable> lastProblem = new AtomicReference<>();
        try (Admin admin = Admin.create(adminProps)) {
            boolean ready = Waits.within(
                    timeout,
                    READY_POLL,
                    () -> {
                        try {
                            Collection<Node> nodes = admin.describeCluster()
                                    .nodes()
                                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                            if (nodes.size() != 1) {
                                lastProblem.set(
                                        new IllegalStateException("the cluster has " + nodes.size() + " brokers"));
                                return false;
                            }
                            // Goes through the controller, which places the replica on a registered, unfenced broker;
                            // validateOnly leaves nothing behind.
                            admin.createTopics(
                                            List.of(new NewTopic(READINESS_PROBE_TOPIC, 1, (short) 1)),
                                            new CreateTopicsOptions().validateOnly(true))
                                    .all()
                                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                            return true;
                        } catch (ExecutionException e) {
                            lastProblem.set(e.getCause());
                        } catch (TimeoutException e) {
                            lastProblem.set(e);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new EmbeddedKafkaException(
                                    "interrupted while waiting for the Kafka broker to start", e);
                        }
                        return false;
                    },
                    "the Kafka broker to start");
            if (!ready) {
                Throwable problem = lastProblem.get();
                throw new EmbeddedKafkaException(
                        "the Kafka broker on " + bootstrapServers()
                                + " did not become ready within " + timeout.toSeconds() + " s"
                                + (problem == null ? "" : " (last problem: " + problem + ")"),
                        problem);
            }
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static void stopQuietly(KafkaRaftServer server) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException | Error e) {
            LOG.debug("Ignoring a failure to stop the Kafka broker that failed to start", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new EmbeddedKafkaException("the data directory " + dir + " is a file, not a directory", e);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot create the data directory " + dir + ": " + e, e);
        }
    }
}
