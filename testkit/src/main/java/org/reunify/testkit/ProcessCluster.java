package org.reunify.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft cluster of separate JVMs, each the broker's own {@code kafka.Kafka} main class from the Maven jars: one
 * controller and {@code brokers} brokers. Unlike {@link InJvmCluster}, a broker here can die as a process dies, by
 * SIGKILL: no controlled shutdown, no flushed log, nothing closed.
 */
final class ProcessCluster implements BrokerBackend {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessCluster.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int CONTROLLER_ID = 3000;
    private static final Duration READY_WITHIN = Duration.ofMinutes(1);

    private final Path baseDirectory;
    private final String clusterId = Uuid.randomUuid().toString();
    private final int brokers;
    private final int controllerPort = freePort();
    private final Map<Integer, Integer> brokerPorts = new TreeMap<>();
    private final Map<Integer, Process> running = new HashMap<>();
    /** Kills the brokers of a test JVM that exits without closing the cluster: stopped, or failing past any finally. */
    private final Thread killer = new Thread(this::killAll, "kill-broker-processes");

    private ProcessCluster(Path baseDirectory, int brokers) {
        this.baseDirectory = baseDirectory;
        this.brokers = brokers;
        for (int id = 0; id < brokers; id++) {
            brokerPorts.put(id, freePort());
        }
    }

    static ProcessCluster start(int brokers) {
        ProcessCluster cluster = null;
        try {
            cluster = new ProcessCluster(Files.createTempDirectory("reunify-kafka-processes-"), brokers);
            Runtime.getRuntime().addShutdownHook(cluster.killer);
            cluster.launch(CONTROLLER_ID, cluster.controllerConfig());
            for (int id : cluster.brokerPorts.keySet()) {
                cluster.launch(id, cluster.brokerConfig(id));
            }
            cluster.awaitRegistered(cluster.brokerIds());
            return cluster;
        } catch (Exception e) {
            RuntimeException failure = Failures.unchecked("could not start a Kafka cluster of processes", e);
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (RuntimeException cleanup) {
                    failure.addSuppressed(cleanup);
                }
            }
            throw failure;
        }
    }

    private Map<String, String> controllerConfig() {
        // What a combined node reads: the settings of every node and those only controllers apply.
        Map<String, String> config = new HashMap<>(BrokerConfigs.forCombinedNode(brokers));
        config.put("process.roles", "controller");
        config.put("listeners", CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        return config;
    }

    private Map<String, String> brokerConfig(int id) {
        Map<String, String> config = new HashMap<>(BrokerConfigs.forEveryNode(brokers));
        String address = "PLAINTEXT://127.0.0.1:" + brokerPorts.get(id);
        config.put("process.roles", "broker");
        config.put("listeners", address);
        config.put("advertised.listeners", address);
        config.put("inter.broker.listener.name", "PLAINTEXT");
        return config;
    }

    /** Formats the node's log directory on first start only: a restarted node keeps the data it had when killed. */
    private void launch(int nodeId, Map<String, String> roleConfig) throws Exception {
        Path logDir = baseDirectory.resolve("node-" + nodeId);
        if (!Files.exists(logDir)) {
            format(nodeId, logDir);
        }
        Properties config = new Properties();
        config.putAll(roleConfig);
        config.put("node.id", Integer.toString(nodeId));
        config.put("log.dirs", logDir.toString());
        config.put("controller.quorum.voters", CONTROLLER_ID + "@127.0.0.1:" + controllerPort);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("listener.security.protocol.map", CONTROLLER_LISTENER + ":PLAINTEXT,PLAINTEXT:PLAINTEXT");
        Path properties = baseDirectory.resolve("node-" + nodeId + ".properties");
        try (OutputStream out = Files.newOutputStream(properties)) {
            config.store(out, "node " + nodeId);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                // Four JVMs share two cores with the test: the client compiler and a serial collector start faster
                // and leave the cores to the test, and a broker of tests needs neither's throughput.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "kafka.Kafka",
                properties.toString()));
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(
                baseDirectory.resolve("node-" + nodeId + ".log").toFile());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        synchronized (running) {
            running.put(nodeId, process);
        }
    }

    private void format(int nodeId, Path logDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(clusterId)
                .setNodeId(nodeId)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(logDir.toString())
                .addDirectory(logDir.toString())
                // As the in-JVM cluster: test what ships, not the newest unreleased metadata version.
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .run();
    }

    /** Waits until the controller lists every one of the brokers as registered and unfenced. */
    private void awaitRegistered(List<Integer> ids) {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            await("brokers " + ids + " registered")
                    .atMost(READY_WITHIN)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        requireAlive();
                        return registered(admin).containsAll(ids);
                    });
        }
    }

    /** The unfenced brokers; none while no broker answers yet. */
    private static Set<Integer> registered(Admin admin) throws InterruptedException {
        try {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                    .map(Node::id)
                    .collect(Collectors.toSet());
        } catch (ExecutionException | TimeoutException notYet) {
            return Set.of();
        }
    }

    /** A node that exits on start (a port taken, a bad config) fails the wait at once, naming its log. */
    private void requireAlive() {
        synchronized (running) {
            running.forEach((id, process) -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "node " + id + " exited; see " + baseDirectory.resolve("node-" + id + ".log"));
                }
            });
        }
    }

    @Override
    public String bootstrapServers() {
        return brokerPorts.values().stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    @Override
    public String description() {
        return "KRaft in separate JVMs";
    }

    @Override
    public List<Integer> brokerIds() {
        return List.copyOf(brokerPorts.keySet());
    }

    /** SIGKILL, as the kernel's OOM killer or a power cut would stop it; returns once the process is gone. */
    @Override
    public void killBroker(int brokerId) {
        Process process;
        synchronized (running) {
            process = running.remove(requireBroker(brokerId));
        }
        if (process == null) {
            throw new IllegalStateException("broker " + brokerId + " is not running");
        }
        try {
            process.destroyForcibly().waitFor();
            LOG.info("broker {} killed (SIGKILL)", brokerId);
        } catch (InterruptedException e) {
            throw Failures.unchecked("interrupted while killing broker " + brokerId, e);
        }
    }

    /** Starts the broker again on its old port and log directory; returns once the controller has unfenced it. */
    @Override
    public void restartBroker(int brokerId) {
        try {
            launch(requireBroker(brokerId), brokerConfig(brokerId));
        } catch (Exception e) {
            throw Failures.unchecked("could not restart broker " + brokerId, e);
        }
        awaitRegistered(List.of(brokerId));
        LOG.info("broker {} restarted on its log directory and registered again", brokerId);
    }

    private int requireBroker(int brokerId) {
        if (!brokerPorts.containsKey(brokerId)) {
            throw new IllegalArgumentException("no broker " + brokerId + "; the brokers are " + brokerIds());
        }
        return brokerId;
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running already, or has run.
        }
        try {
            Utils.delete(baseDirectory.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nothing of a test cluster is worth a clean shutdown, and waiting for one would only slow the tests. */
    private void killAll() {
        synchronized (running) {
            running.values().forEach(Process::destroyForcibly);
            for (Process process : running.values()) {
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            running.clear();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
