package org.reunify.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** How a command reaches the cluster, the same for every command, as with Kafka's own tools. */
final class ClusterOptions {

    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            defaultValue = DEFAULT_BOOTSTRAP,
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(
            names = "--command-config",
            paramLabel = "FILE",
            description = "Kafka client properties (security, timeouts), as for Kafka's own command-line tools.")
    Path commandConfig;

    /** Bootstrap servers plus everything in the command config file. */
    Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        if (commandConfig != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --command-config " + commandConfig, e);
            }
            properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name)));
        }
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return config;
    }

    /** Whether this connection logs in (SASL), which is how a secured cluster is reached. */
    boolean logsIn() {
        return String.valueOf(clientConfig().get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG))
                .startsWith("SASL_");
    }

    /**
     * Refuses to go on unless this connection logs in, as it must to change logins and rights.
     *
     * @param what what the command does, for the message: "principal add creates a login"
     */
    void requireLogin(String what) {
        if (!logsIn()) {
            throw new IllegalArgumentException(what + ": that takes a secured cluster and a super user's login; give "
                    + "--command-config with its SASL settings (reunify up --secure writes "
                    + "credentials/admin.properties)");
        }
    }

    /** Where new login files go unless told: beside the login this command uses. */
    Path defaultCredentialsDir() {
        return commandConfig.toAbsolutePath().getParent();
    }
}
