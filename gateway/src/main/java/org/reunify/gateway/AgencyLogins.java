package org.reunify.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.reunify.producers.EventProducers;
import org.reunify.schemas.DaemonThreads;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.security.ClientCredentials;
import org.reunify.security.Principals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is publishing, and the producer they publish with. On a secured cluster a request carries an agency's own Kafka
 * login ({@code agency-ID} and its password, HTTP Basic), and the gateway produces with that login, so that the
 * broker's ACLs decide what it may write: the gateway keeps no agency's password anywhere but in the memory of that
 * login's producer, which is closed once idle. A producer is found again only by the same user and password (an HMAC
 * of the password under a key made at start, never the password itself). On an open cluster there are no logins: the
 * agency is the one the path names, and one producer serves all.
 */
final class AgencyLogins implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgencyLogins.class);
    private static final String BASIC = "Basic ";
    private static final Duration IDLE = Duration.ofMinutes(5);
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_PRODUCERS = 64;

    /**
     * An agency's producer, lent for one upload.
     *
     * @param user the login's user, null on an open cluster
     */
    record Login(String agency, String user, KafkaProducer<String, ReunificationEvent> producer, Runnable release)
            implements AutoCloseable {

        @Override
        public void close() {
            release.run();
        }
    }

    /** Why a request was not let in: {@code 401} (no or wrong login) or {@code 403} (not this agency's). */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** A login's producer, and who has it now: it is closed only when idle, under its own lock. */
    private static final class Cached {
        final KafkaProducer<String, ReunificationEvent> producer;
        int users;
        long lastUsed = System.nanoTime();
        boolean closed;

        Cached(KafkaProducer<String, ReunificationEvent> producer) {
            this.producer = producer;
        }

        synchronized boolean take() {
            if (closed) {
                return false;
            }
            users++;
            lastUsed = System.nanoTime();
            return true;
        }

        synchronized void give() {
            users--;
            lastUsed = System.nanoTime();
        }

        synchronized boolean closeIfIdle(long now, Duration idle) {
            if (users == 0 && now - lastUsed >= idle.toNanos()) {
                closed = true;
            }
            return closed;
        }
    }

    private final Map<String, Object> connection;
    private final boolean secured;
    private final Map<String, Cached> producers = new ConcurrentHashMap<>();
    private final Mac keyOfPassword;
    private final ScheduledExecutorService janitor =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("gateway-logins"));

    /**
     * @param connection how to reach the cluster: bootstrap servers and, secured, its security protocol and trust; any
     *     login in it is not used for agencies
     */
    AgencyLogins(Map<String, Object> connection, boolean secured) {
        Map<String, Object> settings = new HashMap<>(connection);
        settings.remove(SaslConfigs.SASL_JAAS_CONFIG);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) VERIFY_TIMEOUT.toMillis());
        this.connection = Map.copyOf(settings);
        this.secured = secured;
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            keyOfPassword = Mac.getInstance("HmacSHA256");
            keyOfPassword.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
        janitor.scheduleWithFixedDelay(this::closeIdle, 30, 30, TimeUnit.SECONDS);
    }

    /** Whether requests must carry an agency's login. */
    boolean secured() {
        return secured;
    }

    /**
     * The producer of the login the request carries, for the agency the path names.
     *
     * @param authorization the request's {@code Authorization} header, null when it has none
     * @throws Refused {@code 401} when the login is missing, malformed or wrong; {@code 403} when it is another
     *     agency's than the path's, or may not write its topic
     */
    Login login(String authorization, String agency) throws Refused {
        if (!secured) {
            return lend(agency, null, "", connection);
        }
        ClientCredentials credentials = credentials(authorization);
        String own = credentials.user().substring(Principals.AGENCY_PREFIX.length());
        Map<String, Object> settings = new HashMap<>(connection);
        settings.putAll(credentials.saslSettings());
        Login login = lend(own, credentials.user(), credentials.user() + ":" + keyOf(credentials.password()), settings);
        if (!own.equals(agency)) {
            login.close();
            throw new Refused(
                    403, "the login " + credentials.user() + " publishes for agency " + own + " only, not " + agency);
        }
        return login;
    }

    /**
     * The agency whose login the header carries, its password unchecked.
     *
     * @throws Refused {@code 401} when there is none
     */
    static String agencyOf(String authorization) throws Refused {
        return credentials(authorization).user().substring(Principals.AGENCY_PREFIX.length());
    }

    private static ClientCredentials credentials(String authorization) throws Refused {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            throw new Refused(401, "log in as the agency: HTTP Basic with agency-ID and its password");
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder()
                            .decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refused(401, "the Authorization header is not HTTP Basic");
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        if (colon < 0
                || !user.startsWith(Principals.AGENCY_PREFIX)
                || !Topics.isAgencyId(user.substring(Principals.AGENCY_PREFIX.length()))) {
            throw wrongLogin();
        }
        try {
            return new ClientCredentials(user, decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw wrongLogin();
        }
    }

    /** The same words for an unknown user and a wrong password: which one it was is nobody's business. */
    private static Refused wrongLogin() {
        return new Refused(401, "wrong agency login or password");
    }

    private Login lend(String agency, String user, String key, Map<String, Object> settings) throws Refused {
        while (true) {
            Cached cached = producers.get(key);
            if (cached == null) {
                Cached opened = open(agency, user, settings);
                cached = producers.putIfAbsent(key, opened);
                if (cached == null) {
                    cached = opened;
                } else {
                    opened.producer.close(Duration.ZERO);
                }
            }
            if (cached.take()) {
                return new Login(agency, user, cached.producer, cached::give);
            }
        }
    }

    /** A producer with the login, tried on the agency's topic: the broker checks the password and the ACLs here. */
    private Cached open(String agency, String user, Map<String, Object> settings) throws Refused {
        if (producers.size() >= MAX_PRODUCERS) {
            closeIdle(Duration.ZERO);
        }
        KafkaProducer<String, ReunificationEvent> producer =
                EventProducers.create(settings, "reunify-gateway-" + agency);
        try {
            producer.partitionsFor(Topics.eventsTopic(agency));
            return new Cached(producer);
        } catch (AuthenticationException e) {
            producer.close(Duration.ZERO);
            throw wrongLogin();
        } catch (AuthorizationException e) {
            producer.close(Duration.ZERO);
            throw new Refused(
                    403,
                    "the login " + user + " may not write " + Topics.eventsTopic(agency)
                            + " (is the agency suspended?)");
        } catch (TimeoutException e) {
            producer.close(Duration.ZERO);
            throw new Refused(404, "no topic for agency " + agency + " (reunify agency add " + agency + ")");
        }
    }

    private String keyOf(String password) {
        synchronized (keyOfPassword) {
            return Base64.getEncoder().encodeToString(keyOfPassword.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void closeIdle() {
        closeIdle(IDLE);
    }

    private void closeIdle(Duration idle) {
        long now = System.nanoTime();
        producers.entrySet().removeIf(entry -> {
            boolean closed = entry.getValue().closeIfIdle(now, idle);
            if (closed) {
                LOG.debug("closing the idle producer of {}", entry.getKey().split(":", 2)[0]);
                entry.getValue().producer.close(Duration.ofSeconds(5));
            }
            return closed;
        });
    }

    /** Producers open now, one per login in use or lately used. */
    int openProducers() {
        return producers.size();
    }

    @Override
    public void close() {
        janitor.shutdownNow();
        producers.values().forEach(cached -> cached.producer.close(Duration.ofSeconds(5)));
        producers.clear();
    }
}
