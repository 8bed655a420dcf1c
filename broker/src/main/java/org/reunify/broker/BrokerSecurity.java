package org.reunify.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.internals.BrokerSecurityConfigs;
import org.reunify.security.ClientCredentials;
import org.reunify.security.CredentialFiles;

/**
 * How the embedded broker lets clients in. Open: PLAINTEXT, anyone may do anything, as a laptop demo. Secure: clients
 * log in with SCRAM-SHA-512 (over TLS if asked), KRaft's {@code StandardAuthorizer} denies everything no ACL grants,
 * and the controller listener takes only the broker's own PLAIN login, whose password is new at every start and never
 * leaves this JVM.
 *
 * <p>A login holds for one session of at most {@link #SESSION_LIFETIME} on a connection (KIP-368's
 * {@code connections.max.reauth.ms}): clients log in again before it ends, and a connection whose login no longer
 * holds (its password rotated, its user deleted) is closed at its next request after it. Without it a connection,
 * once logged in, kept its rights for as long as it stayed open.
 *
 * <p>A secured data directory keeps its super user's login in {@code credentials/admin.properties} (owner-only); the
 * broker refuses to start it open, and refuses to secure a directory that was made open, whose data anyone could have
 * written.
 */
public final class BrokerSecurity {

    static final String ADMIN_USER = "admin";
    static final String CONTROLLER_USER = "controller";
    static final String CREDENTIALS_DIR = "credentials";
    static final String ADMIN_FILE = "admin.properties";
    static final String SECURED_MARKER = "secured";
    /** As the SCRAM users made later get them (Principals); the formatter's own default is 4096. */
    private static final int SCRAM_ITERATIONS = 8192;

    /**
     * How long a rotated or deleted login may go on using a connection it opened before. Clients that speak KIP-368
     * (Java's since Kafka 2.2, recent librdkafka) log in again unnoticed; others are disconnected and reconnect. A
     * SCRAM login costs the broker a few hashes, so a handful of clients logging in every five minutes costs nothing.
     */
    static final Duration SESSION_LIFETIME = Duration.ofMinutes(5);

    private static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private final boolean secure;
    private final Optional<TlsFiles> tls;
    private final Duration sessionLifetime;

    private BrokerSecurity(boolean secure, Optional<TlsFiles> tls, Duration sessionLifetime) {
        this.secure = secure;
        this.tls = tls;
        this.sessionLifetime = sessionLifetime;
    }

    /** PLAINTEXT, no authentication, no authorization. */
    public static BrokerSecurity open() {
        return new BrokerSecurity(false, Optional.empty(), SESSION_LIFETIME);
    }

    /** SCRAM-SHA-512 logins and ACLs; over TLS with a certificate of its own when {@code tls} is true. */
    public static BrokerSecurity secure(boolean tls) {
        return new BrokerSecurity(true, tls ? Optional.of(new TlsFiles()) : Optional.empty(), SESSION_LIFETIME);
    }

    /**
     * The same with another bound on a login's session than {@link #SESSION_LIFETIME}: for a test that cannot wait
     * minutes.
     */
    BrokerSecurity withSessionLifetime(Duration lifetime) {
        return new BrokerSecurity(secure, tls, lifetime);
    }

    private static void markSecured(Path marker) {
        try {
            if (!Files.exists(marker)) {
                Files.writeString(marker, "This data directory is secured: start it with reunify up --secure.\n");
            }
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot mark " + marker.getParent() + " as secured: " + e.getMessage(), e);
        }
    }

    /** The directory of the owner-only login files under the data directory. */
    public static Path credentialsDir(Path dataDir) {
        return dataDir.resolve(CREDENTIALS_DIR);
    }

    /**
     * Checks the data directory against the mode and, for a new secured one, creates its super user's login.
     *
     * @return the super user's login in secure mode
     */
    Optional<Secured> prepare(Path dataDir, boolean formatted) {
        Path adminFile = credentialsDir(dataDir).resolve(ADMIN_FILE);
        // A marker without a secret, so that losing the credentials directory cannot turn a secured directory open.
        Path marker = dataDir.resolve(SECURED_MARKER);
        boolean securedBefore = Files.exists(marker);
        if (!secure) {
            if (securedBefore) {
                throw new EmbeddedKafkaException(
                        "the data directory " + dataDir + " is secured (" + marker + "): start it with --secure");
            }
            return Optional.empty();
        }
        if (formatted && !securedBefore) {
            throw new EmbeddedKafkaException("the data directory " + dataDir + " was made without --secure, and anyone "
                    + "could have written to it: secure mode needs a new data directory");
        }
        if (securedBefore && !Files.exists(adminFile)) {
            throw new EmbeddedKafkaException("the data directory " + dataDir + " is secured but its super user's login "
                    + adminFile + " is gone: restore it from a backup");
        }
        // The records, the metadata log (every user's salted SCRAM keys) and the streams state are for this user only.
        CredentialFiles.restrictToOwner(dataDir);
        markSecured(marker);
        Optional<TlsFiles.Server> server = tls.map(files -> files.ensure(credentialsDir(dataDir)));
        Map<String, String> connection = new HashMap<>();
        connection.put(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, server.isPresent() ? "SASL_SSL" : "SASL_PLAINTEXT");
        server.ifPresent(keys -> connection.putAll(keys.clientTrust()));
        ClientCredentials admin = securedBefore
                ? ClientCredentials.from(CredentialFiles.read(adminFile), adminFile.toString())
                : ClientCredentials.generate(ADMIN_USER);
        // Rewritten at every start: the trust settings follow the certificate, should it have been renewed.
        CredentialFiles.write(adminFile, connection, admin);
        return Optional.of(new Secured(
                admin, ClientCredentials.generate(CONTROLLER_USER), connection, server, adminFile, sessionLifetime));
    }

    /**
     * A secured broker's logins: its super user, the controller's per-start login, the clients' connection settings.
     */
    record Secured(
            ClientCredentials admin,
            ClientCredentials controller,
            Map<String, String> connection,
            Optional<TlsFiles.Server> tls,
            Path adminFile,
            Duration sessionLifetime) {

        /** The listener settings: replaces the open broker's protocol map. */
        Map<String, String> brokerConfig(String brokerListener, String controllerListener) {
            String broker = brokerListener.toLowerCase(Locale.ROOT);
            String controllerName = controllerListener.toLowerCase(Locale.ROOT);
            Map<String, String> props = new HashMap<>();
            props.put(
                    "listener.security.protocol.map",
                    brokerListener + ":" + connection.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) + ","
                            + controllerListener + ":SASL_PLAINTEXT");
            props.put("listener.name." + broker + ".sasl.enabled.mechanisms", ClientCredentials.MECHANISM);
            props.put("sasl.mechanism.inter.broker.protocol", ClientCredentials.MECHANISM);
            props.put(
                    "listener.name." + broker + ".scram-sha-512.sasl.jaas.config",
                    admin.saslSettings().get("sasl.jaas.config"));
            props.put(
                    "listener.name." + broker + ".scram-sha-512."
                            + BrokerSecurityConfigs.CONNECTIONS_MAX_REAUTH_MS_CONFIG,
                    String.valueOf(sessionLifetime.toMillis()));
            props.put("listener.name." + controllerName + ".sasl.enabled.mechanisms", "PLAIN");
            props.put("sasl.mechanism.controller.protocol", "PLAIN");
            props.put(
                    "listener.name." + controllerName + ".plain.sasl.jaas.config",
                    PLAIN_LOGIN + " required username=\""
                            + controller.user() + "\" password=\"" + controller.password() + "\" user_"
                            + controller.user()
                            + "=\"" + controller.password() + "\";");
            props.put("authorizer.class.name", AUTHORIZER);
            props.put("allow.everyone.if.no.acl.found", "false");
            props.put("super.users", admin.principal() + ";" + controller.principal());
            tls.ifPresent(keys -> props.putAll(keys.brokerConfig(broker)));
            return props;
        }

        @Override
        public String toString() {
            return "Secured[admin=" + admin + ", connection=" + connection + "]";
        }

        /** The formatter's argument that stores the super user's SCRAM credential in the new cluster's metadata. */
        List<String> scramArguments() {
            return List.of(ClientCredentials.MECHANISM + "=[name=" + admin.user() + ",password=" + admin.password()
                    + ",iterations=" + SCRAM_ITERATIONS + "]");
        }

        /** Client settings of the super user, for the broker's own readiness check and for {@code reunify up}. */
        Map<String, Object> adminClientSettings() {
            Map<String, Object> settings = new HashMap<>(connection);
            settings.putAll(admin.saslSettings());
            return settings;
        }
    }
}
