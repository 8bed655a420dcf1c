package org.reunify.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.dashboard.http.AllowedHosts;
import org.reunify.dashboard.http.ServerLimits;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What slow, idle and greedy clients can take from the dashboard, and what they cannot take from everyone else:
 * the server alone, fed as the totals feed would feed it. {@code 127.0.0.2} is the troublesome client, the test's
 * {@code HttpClient} on {@code 127.0.0.1} everyone else.
 */
class SlowClientsTest {

    private static final Logger LOG = LoggerFactory.getLogger(SlowClientsTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OTHER_CLIENT = "127.0.0.2";
    private static final Instant AT = Instant.parse("2025-12-03T16:04:32.117Z");
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String HTTP_THREADS = "reunify-http";
    private static final String EVENTS =
            "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<RawClient> raw = new ArrayList<>();
    private DashboardServer server;
    private long deported;

    @AfterEach
    void stop() throws IOException {
        for (RawClient client : raw) {
            client.close();
        }
        server.close();
    }

    @Test
    void anEventStreamThatStopsReadingIsClosedByTheServerAndAFreshOneGetsEveryChange() throws Exception {
        start(ServerLimits.DEFAULT);
        RawClient stopped = raw(OTHER_CLIENT).send(EVENTS);
        assertThat(stopped.readHead().status()).isEqualTo(200);
        await().atMost(WITHIN).until(() -> server.openStreams() == 1);

        long started = System.nanoTime();
        int changes = 0;
        while (server.openStreams() > 0) {
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("time until the stopped reader is dropped")
                    .isLessThan(WITHIN);
            change();
            changes++;
        }
        LOG.info(
                "a reader that stopped was dropped after {} changes, {} ms",
                changes,
                (System.nanoTime() - started) / 1_000_000);

        assertThat(stopped.readToEnd(Duration.ofSeconds(10)))
                .as("everything the server sent before it closed the connection")
                .isNotEmpty();
        try (EventStreamClient fresh = new EventStreamClient(server.uri())) {
            assertThat(fresh.next(WITHIN).name()).isEqualTo("totals");
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sent.add(new String(TallyJson.toBytes(change())));
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                received.add(fresh.next(WITHIN).data());
            }
            assertThat(received).isEqualTo(sent);
        }
    }

    @Test
    void threeHundredIdleConnectionsFromOneClientDoNotStopAnotherClientsPageFromUpdating() throws Exception {
        start(ServerLimits.DEFAULT);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        try (EventStreamClient page = new EventStreamClient(server.uri())) {
            assertThat(page.next(WITHIN).name()).isEqualTo("totals");

            for (int i = 0; i < 150; i++) {
                raw(OTHER_CLIENT);
                raw(OTHER_CLIENT).send("GET /api/totals HTTP/1.1\r\nHost: 127.0");
            }
            long started = System.nanoTime();
            await().atMost(WITHIN)
                    .ignoreExceptions()
                    .until(() -> get("api/totals").statusCode() == 200);
            LOG.info(
                    "with 150 silent connections and 150 half requests open, /api/totals answered another client "
                            + "after {} ms; "
                            + "threads: {} before, {} now, {} of them the HTTP server's",
                    (System.nanoTime() - started) / 1_000_000,
                    threadsBefore,
                    ManagementFactory.getThreadMXBean().getThreadCount(),
                    threadsNamed(HTTP_THREADS));

            Tally change = change();
            assertThat(page.next(WITHIN).data()).isEqualTo(new String(TallyJson.toBytes(change)));
            assertThat(get("").statusCode()).isEqualTo(200);
            assertThat(threadsNamed(HTTP_THREADS))
                    .as("request threads, and Jetty's one acceptor and one selector")
                    .isLessThanOrEqualTo(ServerLimits.DEFAULT.threads() + 2);
        }
    }

    @Test
    void aRequestNotSentWholeWithinTheReadTimeoutIsClosedUnanswered() throws Exception {
        start(new ServerLimits(4, 4, Duration.ofSeconds(1), Duration.ofSeconds(30), 1_024, 100, 8, 4));
        RawClient half = raw(OTHER_CLIENT).send("GET /api/totals HTTP/1.1\r\nHost: 127.0.0.1\r\n");

        assertThat(half.readToEnd(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void aClientThatDoesNotTakeItsAnswersIsClosedAfterTheAnswerTimeout() throws Exception {
        start(new ServerLimits(4, 4, Duration.ofSeconds(10), Duration.ofSeconds(1), 1_024, 100, 8, 4));
        RawClient greedy =
                raw(OTHER_CLIENT).send("GET /dashboard.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".repeat(2_000));
        await().atMost(WITHIN).until(() -> server.openConnections() == 1);
        await().atMost(WITHIN).until(() -> server.openConnections() == 0);

        String taken = new String(greedy.readToEnd(Duration.ofSeconds(10)), StandardCharsets.ISO_8859_1);
        assertThat(taken.split("HTTP/1.1 200").length - 1)
                .as("answers taken before the server gave up")
                .isLessThan(2_000);
    }

    @Test
    void oneClientGetsAtMostItsShareOfTheEventStreamsAnd429WithRetryAfterBeyond() throws Exception {
        start(ServerLimits.DEFAULT);
        for (int i = 0; i < ServerLimits.DEFAULT.eventStreamsPerClient(); i++) {
            assertThat(raw(OTHER_CLIENT).send(EVENTS).readHead().status()).isEqualTo(200);
        }

        RawClient.Response refused = RawClient.get(server.uri(), OTHER_CLIENT, "/api/events", "127.0.0.1");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).hasValue("10");
        assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("your address");
        try (EventStreamClient other = new EventStreamClient(server.uri())) {
            assertThat(other.next(WITHIN).name()).isEqualTo("totals");
        }
    }

    @Test
    void theServerWideCapOnEventStreamsHoldsAcrossClients() throws Exception {
        start(new ServerLimits(4, 4, Duration.ofSeconds(10), Duration.ofSeconds(30), 1_024, 100, 4, 2));
        for (String client : List.of("127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.3")) {
            assertThat(raw(client).send(EVENTS).readHead().status()).isEqualTo(200);
        }

        RawClient.Response refused = RawClient.get(server.uri(), "127.0.0.4", "/api/events", "127.0.0.1");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isPresent();
    }

    @Test
    void anAddressAskingFasterThanItsRateGets429WithRetryAfterWhileAnotherAddressIsServed() throws Exception {
        start(new ServerLimits(4, 4, Duration.ofSeconds(10), Duration.ofSeconds(30), 1_024, 5, 8, 4));
        RawClient flood = raw(OTHER_CLIENT)
                .send("GET /api/about HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".repeat(100)
                        + "GET /api/about HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        String answers = new String(flood.readToEnd(WITHIN), StandardCharsets.ISO_8859_1);

        assertThat(answers.split("HTTP/1.1 429").length - 1)
                .as("requests refused of 101 made at once by one address allowed 5 a second")
                .isGreaterThan(50);
        assertThat(answers).contains("Retry-After: 1");
        assertThat(get("api/about").statusCode()).isEqualTo(200);
    }

    private void start(ServerLimits limits) {
        server = DashboardServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                Suppression.NONE,
                AllowedHosts.of("127.0.0.1", List.of()),
                limits);
        deported = 100;
        Tally donetsk = Tally.of("UA-14", deported, 0, AT);
        server.listener().onTotals(List.of(donetsk), Tallies.complete(List.of(donetsk)));
    }

    /** One more child deported from Donetsk Oblast: one changed tally. */
    private Tally change() {
        deported++;
        Tally donetsk = Tally.of("UA-14", deported, 0, AT.plusSeconds(deported));
        server.listener().onTotals(List.of(donetsk), Tallies.complete(List.of(donetsk)));
        return donetsk;
    }

    private RawClient raw(String from) throws IOException {
        RawClient client = RawClient.connect(server.uri(), from);
        raw.add(client);
        return client;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.uri() + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix))
                .count();
    }
}
