package org.reunify.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.dashboard.http.AllowedHosts;
import org.reunify.dashboard.http.ServerLimits;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;

/** The dashboard's HTTP surface, fed directly as the totals feed would feed it: no Kafka needed for these rules. */
class DashboardServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2025-12-03T16:04:32.117Z");
    private static final Tally DONETSK = Tally.of("UA-14", 120, 15, AT);
    private static final Tally NATIONAL = Tally.of("UA", 120, 15, AT);
    private static final String WALL_SCREEN = "wall.example";

    private final HttpClient http = HttpClient.newHttpClient();
    private DashboardServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void totalsAreDesignsJsonArrayOfAllRegionsAndTheNation() throws Exception {
        start(Suppression.NONE);
        feed(List.of(DONETSK, NATIONAL));

        HttpResponse<String> response = get("api/totals");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.body()).isEqualTo(TallyJson.toJsonArray(Tallies.complete(List.of(DONETSK, NATIONAL))));
    }

    @Test
    void oneRegionIsServedByItsIsoCode() throws Exception {
        start(Suppression.NONE);
        feed(List.of(DONETSK, NATIONAL));

        HttpResponse<String> response = get("api/totals/UA-14");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TallyJson.fromBytes(response.body().getBytes())).isEqualTo(DONETSK);
    }

    @Test
    void anUnknownRegionIsA404WithAJsonError() throws Exception {
        start(Suppression.NONE);
        feed(List.of(NATIONAL));

        HttpResponse<String> response = get("api/totals/UA-44");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("UA-44", "ISO 3166-2:UA");
    }

    @Test
    void beforeTheTotalsAreReadTheApiSaysSoWithA503() throws Exception {
        start(Suppression.NONE);

        HttpResponse<String> response = get("api/totals");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("reunification.totals");
    }

    @Test
    void suppressedCountsAreStringsInTheApi() throws Exception {
        start(new Suppression(5));
        feed(List.of(Tally.of("UA-14", 100, 97, AT), Tally.of("UA", 100, 97, AT)));

        JsonNode donetsk = JSON.readTree(get("api/totals/UA-14").body());

        assertThat(donetsk.get("deported").asText()).isEqualTo(">=5");
        assertThat(donetsk.get("outstanding").asText()).isEqualTo("<5");
        assertThat(JSON.readTree(get("api/about").body()).get("suppressBelow").asInt())
                .isEqualTo(5);
    }

    @Test
    void aSuppressedDashboardHidesTheRegionThatWouldGiveASmallOneAwayFromTheNationalFigure() throws Exception {
        start(new Suppression(5));
        feed(List.of(Tally.of("UA-14", 3, 0, AT), Tally.of("UA-32", 40, 0, AT), Tally.of("UA", 43, 0, AT)));

        JsonNode kyiv = JSON.readTree(get("api/totals/UA-32").body());

        assertThat(kyiv.get("deported").asText()).isEqualTo(">=5");
        assertThat(kyiv.get("updatedAt").isNull()).isTrue();
        assertThat(JSON.readTree(get("api/totals/UA").body()).get("deported").asInt())
                .isEqualTo(43);
    }

    @Test
    void aSuppressedEventStreamRepublishesTheWholeTableOnItsClockNotEachChange() throws Exception {
        server = DashboardServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                new Suppression(5),
                AllowedHosts.of("127.0.0.1", List.of()),
                ServerLimits.DEFAULT,
                Duration.ofMillis(300));
        feed(List.of(DONETSK, NATIONAL));
        try (EventStreamClient events = new EventStreamClient(server.uri())) {
            assertThat(events.next(Duration.ofSeconds(10)).name()).isEqualTo("totals");

            Tally more = Tally.of("UA-14", 121, 15, AT.plusSeconds(1));
            Tally nationalMore = Tally.of("UA", 121, 15, AT.plusSeconds(1));
            server.listener().onTotals(List.of(more, nationalMore), Tallies.complete(List.of(more, nationalMore)));
            EventStreamClient.Event next = events.next(Duration.ofSeconds(10));

            assertThat(next.name()).isEqualTo("totals");
            assertThat(next.data()).contains("\"deported\":121").doesNotContain("16:04:33");
        }
    }

    @Test
    void aSuppressedDashboardShowsNoChangeBeforeItsClockTicks() throws Exception {
        server = DashboardServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                new Suppression(5),
                AllowedHosts.of("127.0.0.1", List.of()),
                ServerLimits.DEFAULT,
                Duration.ofHours(1));
        feed(List.of(DONETSK, NATIONAL));

        Tally more = Tally.of("UA-14", 121, 15, AT.plusSeconds(1));
        server.listener().onTotals(List.of(more), Tallies.complete(List.of(more, Tally.of("UA", 121, 15, AT))));

        assertThat(JSON.readTree(get("api/totals/UA-14").body()).get("deported").asInt())
                .isEqualTo(120);
    }

    @Test
    void theEventStreamStartsWithTheCompleteListingThenPushesEachChange() throws Exception {
        start(Suppression.NONE);
        feed(List.of(DONETSK, NATIONAL));
        try (EventStreamClient events = new EventStreamClient(server.uri())) {
            EventStreamClient.Event first = events.next(Duration.ofSeconds(10));
            assertThat(first.name()).isEqualTo("totals");
            assertThat(JSON.readTree(first.data())).hasSize(28);

            Tally more = Tally.of("UA-14", 121, 15, AT.plusSeconds(1));
            Tally nationalMore = Tally.of("UA", 121, 15, AT.plusSeconds(1));
            server.listener().onTotals(List.of(more, nationalMore), Tallies.complete(List.of(more, nationalMore)));

            assertThat(events.next(Duration.ofSeconds(10)))
                    .isEqualTo(new EventStreamClient.Event("tally", new String(TallyJson.toBytes(more))));
            assertThat(events.next(Duration.ofSeconds(10)))
                    .isEqualTo(new EventStreamClient.Event("tally", new String(TallyJson.toBytes(nationalMore))));
        }
    }

    @Test
    void theFirstListingReachesAnEventStreamOpenedBeforeIt() throws Exception {
        start(Suppression.NONE);
        try (EventStreamClient events = new EventStreamClient(server.uri())) {
            Thread.sleep(300);
            feed(List.of(DONETSK, NATIONAL));

            assertThat(events.next(Duration.ofSeconds(10)).name()).isEqualTo("totals");
        }
    }

    @Test
    void thePageAndItsAssetsComeFromTheJarUnderAStrictContentSecurityPolicy() throws Exception {
        start(Suppression.NONE);

        HttpResponse<String> page = get("");
        HttpResponse<String> script = get("dashboard.js");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"dashboard.js\"").doesNotContain("http://", "https://");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self'"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    }

    @Test
    void nothingOutsideTheAssetsIsServed() throws Exception {
        start(Suppression.NONE);

        assertThat(get("../DashboardServer.class").statusCode())
                .as("a step up out of the root, refused by Jetty before any route")
                .isEqualTo(400);
        assertThat(get("%2e%2e/DashboardServer.class").statusCode())
                .as("an encoded step up, refused by Jetty as an ambiguous path before any route")
                .isEqualTo(400);
        assertThat(get("logback.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void theDashboardIsReadOnly() throws Exception {
        start(Suppression.NONE);
        feed(List.of(NATIONAL));

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(server.uri().resolve("api/totals"))
                        .POST(HttpRequest.BodyPublishers.ofString("[]"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void aRequestForAnotherNameIsRefusedWith421AsADnsRebindingPageWouldMakeIt() throws Exception {
        start(Suppression.NONE);
        feed(List.of(DONETSK, NATIONAL));
        String evil = "evil.example:" + server.uri().getPort();

        RawClient.Response totals = RawClient.get(server.uri(), "127.0.0.1", "/api/totals", evil);
        RawClient.Response events = RawClient.get(server.uri(), "127.0.0.1", "/api/events", evil);

        assertThat(totals.status()).isEqualTo(421);
        assertThat(totals.header("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(JSON.readTree(totals.body()).get("error").asText()).contains("--http-allowed-host");
        assertThat(totals.body()).doesNotContain("UA-14");
        assertThat(events.status()).isEqualTo(421);
    }

    @Test
    void aWallScreensNameGivenWithHttpAllowedHostIsServed() throws Exception {
        start(Suppression.NONE);
        feed(List.of(DONETSK, NATIONAL));

        RawClient.Response totals = RawClient.get(
                server.uri(),
                "127.0.0.1",
                "/api/totals",
                WALL_SCREEN + ":" + server.uri().getPort());

        assertThat(totals.status()).isEqualTo(200);
        assertThat(totals.body()).isEqualTo(TallyJson.toJsonArray(Tallies.complete(List.of(DONETSK, NATIONAL))));
    }

    private void start(Suppression suppression) {
        AllowedHosts hosts = AllowedHosts.of("127.0.0.1", List.of(WALL_SCREEN));
        server = DashboardServer.start(new InetSocketAddress("127.0.0.1", 0), suppression, hosts, ServerLimits.DEFAULT);
    }

    private void feed(List<Tally> tallies) {
        server.listener().onTotals(tallies, Tallies.complete(tallies));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.uri() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
