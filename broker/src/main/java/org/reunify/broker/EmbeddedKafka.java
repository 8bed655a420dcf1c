package org.reunify.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.network.SocketServerConfigs;
import org.apache.kafka.raft.KRaftConfigs;
import org.apache.kafka.raft.MetadataLogConfig;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.config.ReplicationConfigs;
import org.apache.kafka.server.config.ServerLogConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

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

    static final int NODE_ID = 1;
    static final String HOST = "127.0.0.1";
    static final String BROKER_LISTENER = "CLIENT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Kafka's own directory inside the data directory: partitions and the metadata log. */
    static final String KAFKA_DIR = "kafka";
    /** Held by the running broker so a second one on the same data directory is refused before it touches it. */
    static final String LOCK_FILE = "broker.lock";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String READINESS_PROBE_TOPIC = "reunify-readiness-probe";

    private final KafkaRaftServer server;
    private final DataDirLock lock;
    private final Path logDir;
    private final int port;
    private final Map<String, Object> clientConfig;
    private final Optional<Path> adminFile;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, DataDirLock lock, Path logDir, int port, Optional<BrokerSecurity.Secured> secured) {
        this.server = server;
        this.lock = lock;
        this.logDir = logDir;
        this.port = port;
        Map<String, Object> config = new HashMap<>();
        secured.ifPresent(logins -> config.putAll(logins.adminClientSettings()));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        this.clientConfig = Map.copyOf(config);
        this.adminFile = secured.map(BrokerSecurity.Secured::adminFile);
    }

    /** Starts an open broker (PLAINTEXT, no ACLs); see {@link #start(Path, int, int, BrokerSecurity)}. */
    public static EmbeddedKafka start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, port, controllerPort, BrokerSecurity.open());
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
        checkPort(port, "port");
        checkPort(controllerPort, "controller port");
        if (port == controllerPort) {
            throw new EmbeddedKafkaException("the port and the controller port are both " + port
                    + ": the broker needs two different ports");
        }
        long startNanos = System.nanoTime();
        Path data = dataDir.toAbsolutePath().normalize();
        createDirectories(data);
        DataDirLock lock = DataDirLock.acquire(data);
        try {
            Path logDir = data.resolve(KAFKA_DIR);
            checkNoKafkaUsing(logDir);
            checkPortFree(port, "port", "--port");
            checkPortFree(controllerPort, "controller port", "--controller-port");

            boolean formatted = Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
            Optional<BrokerSecurity.Secured> secured = security.prepare(data, formatted);
            KafkaConfig config = new KafkaConfig(brokerConfig(logDir, port, controllerPort, secured), false);
            formatIfNew(config, logDir, secured.map(BrokerSecurity.Secured::scramArguments).orElse(List.of()));

            KafkaRaftServer server = null;
            try {
                server = new KafkaRaftServer(config, Time.SYSTEM);
                server.startup();
            } catch (RuntimeException e) {
                stopQuietly(server);
                throw explainStartFailure(e, data, port, controllerPort);
            } catch (Error e) {
                stopQuietly(server);
                throw e;
            }
            EmbeddedKafka kafka = new EmbeddedKafka(server, lock, logDir, port, secured);
            try {
                kafka.awaitReady(READY_TIMEOUT);
            } catch (RuntimeException | Error e) {
                kafka.close();
                throw e;
            }
            LOG.info("Kafka broker ready on {} ({}) with data in {} (started in {} ms)", kafka.bootstrapServers(),
                    secured.map(logins -> logins.connection().get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) + ", ACLs").orElse("PLAINTEXT, open"),
                    logDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            return kafka;
        } catch (RuntimeException | Error e) {
            lock.release();
            throw e;
        }
    }

    /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** Bootstrap servers, and the super user's login on a secured broker: what {@code reunify up} administers it with. */
    public Map<String, Object> clientConfig() {
        return clientConfig;
    }

    /** On a secured broker, the owner-only file with the super user's client properties. */
    public Optional<Path> adminFile() {
        return adminFile;
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
        LOG.info("Kafka broker on {} stopped (in {} ms)", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /** The broker's configuration: one node, both roles, static quorum of itself, loopback only. */
    static Map<String, String> brokerConfig(Path logDir, int port, int controllerPort, Optional<BrokerSecurity.Secured> secured) {
        Map<String, String> props = new HashMap<>();
        props.put(KRaftConfigs.PROCESS_ROLES_CONFIG, "broker,controller");
        props.put(KRaftConfigs.NODE_ID_CONFIG, String.valueOf(NODE_ID));
        // A static quorum: the one voter and its endpoint come from this config at every start, nothing about them is
        // stored in the metadata log (kraft.version 0), so a restart with another controller port just works.
        props.put(QuorumConfig.QUORUM_VOTERS_CONFIG, NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put(KRaftConfigs.CONTROLLER_LISTENER_NAMES_CONFIG, CONTROLLER_LISTENER);
        props.put(SocketServerConfigs.LISTENERS_CONFIG,
                BROKER_LISTENER + "://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put(SocketServerConfigs.ADVERTISED_LISTENERS_CONFIG, BROKER_LISTENER + "://" + HOST + ":" + port);
        props.put(SocketServerConfigs.LISTENER_SECURITY_PROTOCOL_MAP_CONFIG,
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put(ReplicationConfigs.INTER_BROKER_LISTENER_NAME_CONFIG, BROKER_LISTENER);
        secured.ifPresent(logins -> props.putAll(logins.brokerConfig(BROKER_LISTENER, CONTROLLER_LISTENER)));

        props.put(ServerLogConfigs.LOG_DIRS_CONFIG, logDir.toString());
        props.put(MetadataLogConfig.METADATA_LOG_DIR_CONFIG, logDir.toString());

        // One broker: every internal topic with one replica, nothing created by accident. (The coordinators' config
        // classes are only runtime dependencies of kafka_2.13, hence literal names, checked against Kafka 4.3.1.)
        props.put(ServerLogConfigs.NUM_PARTITIONS_CONFIG, "1");
        props.put(ReplicationConfigs.DEFAULT_REPLICATION_FACTOR_CONFIG, "1");
        props.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
        props.put(ServerLogConfigs.AUTO_CREATE_TOPICS_ENABLE_CONFIG, "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");

        // After a kill, the restarted controller keeps the dead broker's registration alive for one session timeout
        // and refuses the new incarnation until then (DUPLICATE_BROKER_REGISTRATION): the 9 s default would make
        // every start after a crash 9 s slower. Broker and controller share this JVM, so a short session is safe.
        props.put(KRaftConfigs.BROKER_HEARTBEAT_INTERVAL_MS_CONFIG, "500");
        props.put(KRaftConfigs.BROKER_SESSION_TIMEOUT_MS_CONFIG, "3000");
        // start() waits for the broker in any case; this bounds Kafka's own wait for its metadata.
        props.put(KRaftConfigs.SERVER_MAX_STARTUP_TIME_MS_CONFIG, String.valueOf(READY_TIMEOUT.toMillis()));
        return props;
    }

    /**
     * Formats {@code logDir} when it has no {@code meta.properties} yet, as {@code kafka-storage.sh format} does with
     * its production defaults: a random cluster id, this node's id, the latest production metadata version and the
     * production features at their defaults for it. Formatting happens in a sibling directory that is renamed into
     * place, so a run killed while formatting leaves nothing half-formatted behind.
     *
     * @return whether the directory was formatted now
     */
    static boolean formatIfNew(KafkaConfig config, Path logDir, List<String> scramArguments) {
        if (Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return false;
        }
        if (Files.exists(logDir) && !isEmptyDirectory(logDir)) {
            throw new EmbeddedKafkaException(logDir + " is not empty but was never formatted as a Kafka data directory"
                    + " (no " + MetaPropertiesEnsemble.META_PROPERTIES_NAME + "): move it away or choose another"
                    + " data directory");
        }
        Path staging = logDir.resolveSibling(logDir.getFileName() + ".formatting");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        try {
            deleteRecursively(staging);
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setUnstableFeatureVersionsEnabled(config.unstableFeatureVersionsEnabled())
                    .setIgnoreFormatted(false)
                    .setControllerListenerName(config.controllerListenerNames().get(0))
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    // Static quorum (controller.quorum.voters): kraft.version 0, no initial controllers.
                    .setHasDynamicQuorum(config.quorumConfig().voters().isEmpty())
                    .setMetadataLogDirectory(staging.toString())
                    // A secured cluster's super user must exist before anyone can log in to create users.
                    .setScramArguments(scramArguments)
                    .addDirectory(staging.toString());
            formatter.run();
            Files.deleteIfExists(logDir); // an empty directory, if any
            Utils.atomicMoveWithFallback(staging, logDir);
        } catch (Exception e) {
            throw new EmbeddedKafkaException("could not format the Kafka data directory " + logDir + ": " + e.getMessage(), e);
        }
        LOG.info("Formatted a new Kafka data directory {} (cluster id {}, metadata.version {})",
                logDir, clusterId, MetadataVersion.latestProduction());
        // The formatter prints the bootstrap SCRAM record, salt and keys included: not for any log.
        output.reset();
        return true;
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
        Throwable lastProblem = null;
        try (Admin admin = Admin.create(adminProps)) {
            while (true) {
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                    if (nodes.size() == 1) {
                        // Goes through the controller, which places the replica on a registered, unfenced broker;
                        // validateOnly leaves nothing behind.
                        admin.createTopics(List.of(new NewTopic(READINESS_PROBE_TOPIC, 1, (short) 1)),
                                        new CreateTopicsOptions().validateOnly(true))
                                .all().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                        return;
                    }
                    lastProblem = new IllegalStateException("the cluster has " + nodes.size() + " brokers");
                } catch (ExecutionException e) {
                    lastProblem = e.getCause();
                } catch (TimeoutException e) {
                    lastProblem = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedKafkaException("interrupted while waiting for the Kafka broker to start", e);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new EmbeddedKafkaException("the Kafka broker on " + bootstrapServers()
                            + " did not become ready within " + timeout.toSeconds() + " s"
                            + (lastProblem == null ? "" : " (last problem: " + lastProblem + ")"), lastProblem);
                }
                sleep(100);
            }
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while waiting for the Kafka broker to start", e);
        }
    }

    private static void checkPort(int port, String what) {
        if (port < 1 || port > 65_535) {
            throw new EmbeddedKafkaException("the " + what + " must be between 1 and 65535, not " + port);
        }
    }

    /** Binds the port on 127.0.0.1 the way Kafka will (SO_REUSEADDR, so recently closed connections do not count). */
    static void checkPortFree(int port, String what, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (BindException e) {
            throw portInUse(port, what, option, e);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot listen on " + HOST + ":" + port + ": " + e.getMessage()
                    + ": use " + option, e);
        }
    }

    private static EmbeddedKafkaException portInUse(int port, String what, String option, Throwable cause) {
        return new EmbeddedKafkaException(what + " " + port + " is in use: is another broker running? use " + option,
                cause);
    }

    /** Refuses a directory that a Kafka broker (this program or another) has locked. */
    private static void checkNoKafkaUsing(Path logDir) {
        Path kafkaLock = logDir.resolve(".lock");
        if (!Files.exists(kafkaLock)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(kafkaLock, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                throw dataDirInUse(logDir.getParent(), null);
            }
            probe.release();
        } catch (OverlappingFileLockException e) {
            throw dataDirInUse(logDir.getParent(), e);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot use the data directory " + logDir.getParent() + ": "
                    + e.getMessage(), e);
        }
    }

    static EmbeddedKafkaException dataDirInUse(Path dataDir, Throwable cause) {
        return new EmbeddedKafkaException("the data directory " + dataDir + " is in use by another running broker:"
                + " stop it first, or choose another data directory", cause);
    }

    private static EmbeddedKafkaException explainStartFailure(Throwable e, Path dataDir, int port, int controllerPort) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof BindException || message.contains("Address already in use")) {
                boolean controller = message.contains(":" + controllerPort) && !message.contains(":" + port);
                return controller
                        ? portInUse(controllerPort, "controller port", "--controller-port", e)
                        : portInUse(port, "port", "--port", e);
            }
            if (message.contains("Failed to acquire lock")) {
                return dataDirInUse(dataDir, e);
            }
        }
        return new EmbeddedKafkaException("the Kafka broker failed to start: " + e.getMessage(), e);
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

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot read " + dir + ": " + e, e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    /**
     * An OS file lock on {@code dataDir/broker.lock}, held while the broker runs, against brokers in other processes;
     * a set of the directories locked in this JVM against a second broker here. The set is checked first because
     * opening and closing a second channel on a file this JVM has locked would drop the JVM's (POSIX) lock.
     */
    private static final class DataDirLock {
        private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

        private final Path dataDir;
        private final FileChannel channel;
        private final FileLock lock;
        private final AtomicBoolean released = new AtomicBoolean();

        private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
            this.dataDir = dataDir;
            this.channel = channel;
            this.lock = lock;
        }

        static DataDirLock acquire(Path dataDir) {
            Path key = realPath(dataDir);
            if (!LOCKED_IN_THIS_JVM.add(key)) {
                throw dataDirInUse(dataDir, null);
            }
            Path file = key.resolve(LOCK_FILE);
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw dataDirInUse(dataDir, null);
                }
                return new DataDirLock(key, channel, lock);
            } catch (IOException e) {
                closeQuietly(channel);
                LOCKED_IN_THIS_JVM.remove(key);
                throw new EmbeddedKafkaException("cannot lock the data directory " + dataDir + ": " + e, e);
            } catch (RuntimeException e) {
                closeQuietly(channel);
                LOCKED_IN_THIS_JVM.remove(key);
                throw e;
            }
        }

        private static Path realPath(Path dir) {
            try {
                return dir.toRealPath();
            } catch (IOException e) {
                throw new EmbeddedKafkaException("cannot use the data directory " + dir + ": " + e, e);
            }
        }

        void release() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("Ignoring a failure to release {}", LOCK_FILE, e);
            } finally {
                closeQuietly(channel);
                LOCKED_IN_THIS_JVM.remove(dataDir);
            }
        }

        private static void closeQuietly(FileChannel channel) {
            if (channel == null) {
                return;
            }
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Ignoring a failure to close {}", LOCK_FILE, e);
            }
        }
    }
}
