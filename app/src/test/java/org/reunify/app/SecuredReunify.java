package org.reunify.app;

import static org.reunify.app.support.ReunifyProcesses.freePort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.reunify.app.support.ReunifyProcesses;
import org.reunify.security.CredentialFiles;

/** {@code reunify up --secure} in its own process, and clients that log in with the files it writes. */
public final class SecuredReunify implements AutoCloseable {

    private static final Duration UP_WITHIN = Duration.ofMinutes(2);

    private final ReunifyProcesses processes;
    private final List<String> args;
    public final ReunifyProcesses.Running up;
    public final String bootstrap;
    public final Path data;
    public final Path log;

    private SecuredReunify(
            ReunifyProcesses processes,
            List<String> args,
            ReunifyProcesses.Running up,
            String bootstrap,
            Path data,
            Path log) {
        this.processes = processes;
        this.args = args;
        this.up = up;
        this.bootstrap = bootstrap;
        this.data = data;
        this.log = log;
    }

    /**
     * Starts {@code up --secure} with the extra options on a data directory in {@code dir}, and waits until it is up.
     */
    public static SecuredReunify start(Path dir, String... options) throws Exception {
        int port = freePort();
        Path data = dir.resolve("data");
        Path log = dir.resolve("up.log");
        List<String> args = new ArrayList<>(List.of(
                "up",
                "--secure",
                "--port",
                String.valueOf(port),
                "--controller-port",
                String.valueOf(freePort()),
                "--http-port",
                String.valueOf(freePort()),
                "--data-dir",
                data.toString()));
        args.addAll(List.of(options));
        return started(new ReunifyProcesses(), args, "127.0.0.1:" + port, data, log);
    }

    private static SecuredReunify started(
            ReunifyProcesses processes, List<String> args, String bootstrap, Path data, Path log) throws Exception {
        SecuredReunify reunify = new SecuredReunify(
                processes, args, processes.startLoggingTo(log, args.toArray(String[]::new)), bootstrap, data, log);
        try {
            reunify.up.awaitLine("reunify is up.", UP_WITHIN);
        } catch (RuntimeException | Error e) {
            reunify.close();
            throw e;
        }
        return reunify;
    }

    /**
     * Stops {@code up} (SIGTERM) and starts it again on the same data and ports: the streams app then starts with every
     * agency topic made meanwhile, as a pipeline does after its agencies were provisioned.
     */
    public SecuredReunify restarted() throws Exception {
        up.stop();
        keepLog();
        return started(processes, args, bootstrap, data, log.resolveSibling("up-again.log"));
    }

    /** The HTTP port's address, as {@code up} printed it: {@code https://} with {@code --tls}. */
    public URI http() {
        return up.lines.stream()
                .filter(line -> line.startsWith("  dashboard "))
                .map(line -> URI.create(line.substring("  dashboard ".length()).split(" ", 2)[0]))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("up printed no dashboard address"));
    }

    public Path logins() {
        return data.resolve("credentials");
    }

    /** The login file of a user: admin, pipeline, dashboard, auditor, agency-ID. */
    public Path login(String user) {
        return logins().resolve(user + ".properties");
    }

    /** Runs a reunify client command in this JVM against the broker; returns its exit code. */
    public int command(String... args) {
        return Reunify.commandLine()
                .execute(Stream.concat(Stream.of(args), Stream.of("--bootstrap", bootstrap))
                        .toArray(String[]::new));
    }

    /** Client settings that log in as the user. */
    public Map<String, Object> client(String user) {
        return client(login(user), bootstrap);
    }

    /** Client settings that log in with a login file of {@code up --secure}. */
    public static Map<String, Object> client(Path loginFile, String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        CredentialFiles.read(loginFile).forEach((name, value) -> config.put((String) name, value));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return config;
    }

    /** Fails within seconds rather than a client's default minute. */
    public static Map<String, Object> quick(Map<String, Object> config) {
        Map<String, Object> quick = new HashMap<>(config);
        quick.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        quick.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        quick.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return quick;
    }

    public static void listTopics(Map<String, Object> config) throws Exception {
        try (Admin admin = Admin.create(quick(config))) {
            admin.listTopics().names().get();
        }
    }

    @Override
    public void close() {
        processes.close();
        keepLog();
    }

    /** The log outlives the test's temporary directory, for whoever reads a failure of it. */
    private void keepLog() {
        try {
            Path kept = Path.of("target", "secured-up-logs");
            Files.createDirectories(kept);
            Files.copy(log, kept.resolve(System.currentTimeMillis() + "-up.log"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep " + log, e);
        }
    }
}
