package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.reunify.app.support.EventLines.deportation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.app.support.ReunifyProcesses;
import org.reunify.dashboard.EventStreamClient;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.sink.TotalsFollower;
import org.reunify.testkit.KafkaBroker;
import picocli.CommandLine;

/** The dashboard's API and event stream over a real broker and the real streams app. */
class DashboardIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String EXACT_SMALL_COUNT = "\"(deported|returned|outstanding)\":[1-4][,}]";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    /** A broker of its own for each test that needs one, started when it asks: the figures it expects are its own. */
    private KafkaBroker broker;

    private LiveDashboard dashboard;

    @AfterEach
    void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void apiTotalsAreExactlyTheCommittedTotalsTopic() throws Exception {
        dashboard = new LiveDashboard(broker().clientConfig(), dir, null);
        dashboard.publish(
                deportation("n-1", "c-1", "UA-14"),
                deportation("n-2", "c-2", "UA-14"),
                deportation("n-3", "c-3", "UA-63"));
        Figures.awaitTotals(broker().clientConfig(), Map.of("UA", "3/0/3", "UA-14", "2/0/2", "UA-63", "1/0/1"));

        String expected;
        try (TotalsFollower totals = new TotalsFollower(broker().clientConfig())) {
            totals.catchUp(WITHIN);
            expected = TallyJson.toJsonArray(Tallies.complete(totals.current().values()));
        }
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(get("api/totals").body()).isEqualTo(expected));
        assertThat(TallyJson.fromBytes(get("api/totals/UA-14").body().getBytes()))
                .extracting(Tally::deported, Tally::outstanding)
                .containsExactly(2L, 2L);
        assertThat(get("api/totals/UA-99").statusCode()).isEqualTo(404);
    }

    @Test
    void anEventPublishedWhileABrowserListensReachesItAsTallyChanges() throws Exception {
        dashboard = new LiveDashboard(broker().clientConfig(), dir, null);
        dashboard.publish(deportation("n-1", "c-1", "UA-14"));
        Figures.awaitTotals(broker().clientConfig(), Map.of("UA", "1/0/1", "UA-14", "1/0/1"));

        try (EventStreamClient events = new EventStreamClient(dashboard.uri())) {
            EventStreamClient.Event first = events.next(WITHIN);
            assertThat(first.name()).isEqualTo("totals");
            assertThat(region(JSON.readTree(first.data()), "UA").get("deported").asLong())
                    .isEqualTo(1);

            dashboard.publish(deportation("n-2", "c-2", "UA-46"));

            assertThat(List.of(tallyEvent(events), tallyEvent(events)))
                    .extracting(tally -> tally.code() + " " + tally.deported())
                    .containsExactlyInAnyOrder("UA-46 1", "UA 2");
        }
    }

    @Test
    void anEventPublishedWhileABrowserListensReachesItAsItsDaysAndDestination() throws Exception {
        dashboard = new LiveDashboard(broker().clientConfig(), dir, null);
        dashboard.publish(deportation("n-1", "c-1", "UA-14"));
        Figures.awaitTotals(broker().clientConfig(), Map.of("UA", "1/0/1", "UA-14", "1/0/1"));
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(get("api/daily").statusCode()).isEqualTo(200));

        try (EventStreamClient events = new EventStreamClient(dashboard.uri())) {
            assertThat(events.next(WITHIN).name()).isEqualTo("totals");

            dashboard.publish(deportation("n-2", "c-2", "UA-46", "BY"));

            List<String> pushed = new ArrayList<>();
            await().atMost(WITHIN).untilAsserted(() -> {
                for (EventStreamClient.Event event : events.drain(Duration.ofSeconds(1))) {
                    JsonNode tally = JSON.readTree(event.data());
                    pushed.add(event.name() + " " + tally.path("region").asText("")
                            + tally.path("destination").asText("") + " "
                            + tally.path("deported").asLong());
                }
                assertThat(pushed).contains("day UA-46 1", "day UA 2", "destination BY 1");
            });
        }
        assertThat(JSON.readTree(get("api/destinations").body()).findValuesAsText("destination"))
                .containsExactly("BY", "RU", "UNKNOWN");
    }

    @Test
    void aSuppressedDashboardShowsNoSmallCountInTheApiOrTheStream() throws Exception {
        // A suppressed dashboard publishes its first table once it has read the totals, then the whole table again
        // only on its 30 s clock (DashboardServerTest shows the clock, on a fast one). Served once the pipeline has
        // counted two deportations, its first table has small counts to hide at once; a third, counted while the
        // stream is open, must not show either.
        dashboard = new LiveDashboard(broker().clientConfig(), dir);
        dashboard.publish(deportation("n-1", "c-1", "UA-14"), deportation("n-2", "c-2", "UA-14"));
        Figures.awaitTotals(broker().clientConfig(), Map.of("UA", "2/0/2", "UA-14", "2/0/2"));
        dashboard.serveDashboard(5);
        try (EventStreamClient events = new EventStreamClient(dashboard.uri())) {
            await().atMost(WITHIN).until(() -> get("api/totals").statusCode() == 200);
            await().atMost(WITHIN)
                    .untilAsserted(() -> assertThat(
                                    region(JSON.readTree(get("api/totals").body()), "UA-14")
                                            .get("deported")
                                            .asText())
                            .isEqualTo("<5"));
            dashboard.publish(deportation("n-3", "c-3", "UA-14"));
            Figures.awaitTotals(broker().clientConfig(), Map.of("UA", "3/0/3", "UA-14", "3/0/3"));
            List<EventStreamClient.Event> pushed = events.drain(Duration.ofSeconds(2));

            assertThat(pushed)
                    .isNotEmpty()
                    .allSatisfy(event -> assertThat(event.data()).doesNotContainPattern(EXACT_SMALL_COUNT));
            assertThat(get("api/totals").body()).doesNotContainPattern(EXACT_SMALL_COUNT);
            for (String figures : List.of("api/daily?region=UA-14", "api/destinations")) {
                await().atMost(WITHIN)
                        .untilAsserted(() -> assertThat(get(figures).body())
                                .contains("\"<5\"")
                                .doesNotContainPattern(EXACT_SMALL_COUNT));
            }
        }
    }

    @Test
    void theDashboardCommandServesTheTotalsOfAPipelineRunningElsewhere() throws Exception {
        dashboard = new LiveDashboard(broker().clientConfig(), dir, null);
        dashboard.publish(deportation("n-1", "c-1", "UA-65"));
        Figures.awaitTotals(broker().clientConfig(), Map.of("UA", "1/0/1", "UA-65", "1/0/1"));
        int port = ReunifyProcesses.freePort();

        try (ReunifyProcesses reunify = new ReunifyProcesses()) {
            reunify.start("dashboard", "--bootstrap", broker().bootstrapServers(), "--http-port", String.valueOf(port))
                    .awaitLine("dashboard on http://127.0.0.1:" + port + "/", WITHIN);

            await().atMost(WITHIN)
                    .untilAsserted(() -> assertThat(http.send(
                                            HttpRequest.newBuilder(URI.create(
                                                            "http://127.0.0.1:" + port + "/api/totals/UA-65"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body())
                            .contains("\"deported\":1,"));
        }
    }

    @Test
    void aSuppressionThresholdBelowTwoIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine command = Reunify.commandLine().setErr(new PrintWriter(err));

        int exitCode = command.execute("dashboard", "--suppress-below", "1", "--http-port", "0");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("K >= 2");
    }

    private KafkaBroker broker() {
        if (broker == null) {
            broker = KafkaBroker.start();
        }
        return broker;
    }

    /** The next {@code tally} event: the day and destination events of the same change may come before it. */
    private Tally tallyEvent(EventStreamClient events) throws InterruptedException {
        EventStreamClient.Event event = events.next(WITHIN);
        while (!event.name().equals("tally")) {
            event = events.next(WITHIN);
        }
        return TallyJson.fromBytes(event.data().getBytes());
    }

    private static JsonNode region(JsonNode listing, String code) {
        for (JsonNode tally : listing) {
            if (tally.get("region").asText().equals(code)) {
                return tally;
            }
        }
        throw new AssertionError("no " + code + " in " + listing);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(dashboard.uri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
