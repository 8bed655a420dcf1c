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
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.dashboard.http.AllowedHosts;
import org.reunify.dashboard.http.ServerLimits;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.TimelineEntry;
import org.reunify.sink.TallyFeed;
import org.reunify.sink.TallyFollower;

/** {@code /api/daily}, {@code /api/destinations} and their events, fed directly as the tally feeds would feed them. */
class DashboardChartApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2025-12-03T16:04:32.117Z");
    private static final LocalDate DAY_1 = LocalDate.parse("2025-12-01");
    private static final LocalDate DAY_2 = LocalDate.parse("2025-12-02");
    private static final Tally DONETSK_DAY_2 = daily("UA-14", DAY_2, 120, 15);
    private static final Tally DONETSK_DAY_1 = daily("UA-14", DAY_1, 80, 10);
    private static final Tally NATIONAL_DAY_1 = daily("UA", DAY_1, 100, 10);
    private static final Tally RUSSIA = destination("RU", 90, 12);
    private static final Tally NORTH_KOREA = destination("KP", 12, 0);

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<TallyFeed.Listener<?>, Map<String, Object>> fed = new HashMap<>();
    private DashboardServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void dailyIsTheRegionsDailyTalliesSortedByDate() throws Exception {
        start(Suppression.NONE);
        feed(server.dailyListener(), DONETSK_DAY_2, NATIONAL_DAY_1, DONETSK_DAY_1);

        HttpResponse<String> response = get("api/daily?region=UA-14");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo(TallyJson.toJsonArrayOfNodes(
                        List.of(TallyJson.toNode(DONETSK_DAY_1), TallyJson.toNode(DONETSK_DAY_2))));
    }

    @Test
    void dailyWithoutARegionIsTheNations() throws Exception {
        start(Suppression.NONE);
        feed(server.dailyListener(), DONETSK_DAY_1, NATIONAL_DAY_1);

        JsonNode days = JSON.readTree(get("api/daily").body());

        assertThat(days).hasSize(1);
        assertThat(days.get(0).get("region").asText()).isEqualTo("UA");
        assertThat(days.get(0).get("date").asText()).isEqualTo("2025-12-01");
    }

    @Test
    void aRegionWithNoDaysHasAnEmptyListing() throws Exception {
        start(Suppression.NONE);
        feed(server.dailyListener(), NATIONAL_DAY_1);

        HttpResponse<String> response = get("api/daily?region=UA-63");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEmpty();
    }

    @Test
    void dailyOfAnUnknownRegionIsA404WithAJsonError() throws Exception {
        start(Suppression.NONE);
        feed(server.dailyListener(), NATIONAL_DAY_1);

        HttpResponse<String> response = get("api/daily?region=UA-44");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("UA-44", "ISO 3166-2:UA");
    }

    @Test
    void beforeTheDailyTalliesAreReadDailySaysSoWithA503() throws Exception {
        start(Suppression.NONE);

        HttpResponse<String> response = get("api/daily");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("reunification.totals.daily");
    }

    @Test
    void destinationsAreEverySeenAndUnknownSortedByCode() throws Exception {
        start(Suppression.NONE);
        feed(server.destinationsListener(), RUSSIA, NORTH_KOREA);

        HttpResponse<String> response = get("api/destinations");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo(
                        TallyJson.toJsonArrayOfNodes(Tallies.completeDestinations(List.of(RUSSIA, NORTH_KOREA)).stream()
                                .map(TallyJson::toNode)
                                .toList()));
        assertThat(JSON.readTree(response.body()).findValuesAsText("destination"))
                .containsExactly("KP", "RU", "UNKNOWN");
    }

    @Test
    void beforeTheDestinationsAreReadTheApiSaysSoWithA503() throws Exception {
        start(Suppression.NONE);

        HttpResponse<String> response = get("api/destinations");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("reunification.destinations");
    }

    @Test
    void theDestinationCatalogueNamesEachDestinationInEnglishAndUkrainian() throws Exception {
        start(Suppression.NONE);

        Map<String, JsonNode> byCode =
                byCode(JSON.readTree(get("api/destination-names").body()));

        assertThat(byCode.get("KP").get("nameEn").asText()).isEqualTo("North Korea");
        assertThat(byCode.get("BY").get("nameUk").asText()).isEqualTo("Білорусь");
        assertThat(byCode.get("OCCUPIED").get("nameUk").asText()).isEqualTo("Тимчасово окупована територія України");
        assertThat(byCode).containsKey("UNKNOWN").doesNotContainKey("UA");
    }

    @Test
    void suppressedCountsAreStringsInDailyAndDestinationTallies() throws Exception {
        start(new Suppression(5));
        feed(server.dailyListener(), daily("UA-14", DAY_1, 100, 97), daily("UA", DAY_1, 100, 97));
        feed(server.destinationsListener(), destination("KP", 3, 0), destination("RU", 40, 0));

        JsonNode day = JSON.readTree(get("api/daily?region=UA-14").body()).get(0);
        Map<String, JsonNode> destinations =
                byCode(JSON.readTree(get("api/destinations").body()));

        assertThat(day.get("outstanding").asText()).isEqualTo("<5");
        assertThat(day.get("deported").asText()).isEqualTo(">=5");
        assertThat(destinations.get("KP").get("deported").asText()).isEqualTo("<5");
        assertThat(destinations.get("RU").get("deported").asText())
                .as("the national total less RU would give KP back")
                .isEqualTo(">=5");
    }

    @Test
    void destinationsThatCouldOnlyBeHiddenWithTheirExactTotalShowNoCounts() throws Exception {
        start(new Suppression(5));
        // Five destinations of one child each: the exact national 5 would pin every hidden one to 1.
        feed(
                server.destinationsListener(),
                destination("BY", 1, 0),
                destination("KP", 1, 0),
                destination("OCCUPIED", 1, 0),
                destination("RU", 1, 0),
                destination("UNKNOWN", 1, 0));

        JsonNode destinations = JSON.readTree(get("api/destinations").body());

        assertThat(destinations)
                .hasSize(5)
                .allSatisfy(destination ->
                        assertThat(destination.get("deported").isNull()).isTrue());
    }

    @Test
    void aSuppressedDailySeriesHasEveryDaySoThatItShowsNoDayOfAHiddenChange() throws Exception {
        start(new Suppression(5));
        feed(
                server.dailyListener(),
                daily("UA-14", DAY_1, 100, 0),
                daily("UA-63", DAY_1, 100, 0),
                daily("UA", DAY_1, 200, 0),
                daily("UA-14", DAY_1.plusDays(2), 100, 2),
                daily("UA", DAY_1.plusDays(2), 200, 2));

        JsonNode kharkiv = JSON.readTree(get("api/daily?region=UA-63").body());

        assertThat(kharkiv.findValuesAsText("date"))
                .containsExactly(
                        DAY_1.toString(),
                        DAY_1.plusDays(1).toString(),
                        DAY_1.plusDays(2).toString());
        assertThat(kharkiv.findValuesAsText("updatedAt")).allMatch(day -> day.length() == 10);
    }

    @Test
    void aChangedDayAndAChangedDestinationArePushedOnTheEventStream() throws Exception {
        start(Suppression.NONE);
        Tally national = Tally.of("UA", 100, 10, AT);
        server.listener().onTotals(List.of(national), Tallies.complete(List.of(national)));
        feed(server.dailyListener(), NATIONAL_DAY_1);
        feed(server.destinationsListener(), RUSSIA);
        try (EventStreamClient events = new EventStreamClient(server.uri())) {
            assertThat(events.next(Duration.ofSeconds(10)).name()).isEqualTo("totals");

            Tally nationalDay2 = daily("UA", DAY_2, 110, 10);
            Tally moreToRussia = destination("RU", 100, 12);
            feed(server.dailyListener(), nationalDay2);
            feed(server.destinationsListener(), moreToRussia);

            assertThat(events.next(Duration.ofSeconds(10)))
                    .isEqualTo(new EventStreamClient.Event("day", new String(TallyJson.toBytes(nationalDay2))));
            assertThat(events.next(Duration.ofSeconds(10)))
                    .isEqualTo(new EventStreamClient.Event("destination", new String(TallyJson.toBytes(moreToRussia))));
        }
    }

    @Test
    void theTimelineIsTheRegionsMonthsSortedByMonthUnknownLast() throws Exception {
        start(Suppression.NONE);
        feed(
                server.timelineListener(),
                TimelineEntry.of("UA-14", "UNKNOWN", 3, 0),
                TimelineEntry.of("UA-14", "2023-01", 0, 4),
                TimelineEntry.of("UA-14", "2022-04", 120, 0),
                TimelineEntry.of("UA", "2022-04", 120, 0));

        HttpResponse<String> response = get("api/timeline?region=UA-14");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).findValuesAsText("month"))
                .containsExactly("2022-04", "2023-01", "UNKNOWN");
        assertThat(JSON.readTree(response.body()).get(0).get("taken").asLong()).isEqualTo(120);
    }

    /**
     * With suppression a region's months are not published (they would add up to its tally, and each month's regions
     * to the nation's month); the nation's months are, each measure suppressed as a table whose total is the nation's.
     */
    @Test
    void withSuppressionOnlyTheNationsMonthsArePublishedSuppressedAgainstTheNationalTotal() throws Exception {
        start(new Suppression(5));
        feed(
                server.timelineListener(),
                TimelineEntry.of("UA-14", "2022-04", 40, 0),
                TimelineEntry.of("UA-14", "2022-05", 3, 1),
                TimelineEntry.of("UA", "2022-04", 40, 0),
                TimelineEntry.of("UA", "2022-05", 3, 1),
                TimelineEntry.of("UA", "2024-02", 0, 12));

        JsonNode region = JSON.readTree(get("api/timeline?region=UA-14").body());
        JsonNode nation = JSON.readTree(get("api/timeline?region=UA").body());

        assertThat(region).isEmpty();
        assertThat(nation.findValuesAsText("month")).containsExactly("2022-04", "2022-05", "2024-02");
        assertThat(nation.get(1).get("taken").asText()).isEqualTo("<5");
        assertThat(nation.get(0).get("taken").asText())
                .as("the national 43 less 40 would give the 3 back")
                .isEqualTo(">=5");
        assertThat(nation.get(2).get("taken").asLong()).isZero();
        assertThat(nation.get(1).get("returned").asText()).isEqualTo("<5");
        assertThat(nation.get(2).get("returned").asText()).isEqualTo(">=5");
    }

    private static Tally daily(String region, LocalDate date, long deported, long returned) {
        return Tally.of(region, deported, returned, AT).on(date);
    }

    private static Tally destination(String code, long deported, long returned) {
        return Tally.of(Breakdown.destination, code, deported, returned, AT);
    }

    private static Map<String, JsonNode> byCode(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .collect(Collectors.toMap(node -> node.get("destination").asText(), Function.identity()));
    }

    private void start(Suppression suppression) {
        server = DashboardServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                suppression,
                AllowedHosts.of("127.0.0.1", List.of()),
                ServerLimits.DEFAULT);
    }

    /** Feeds the rows as changes on top of what the listener was fed before, as a feed accumulates them. */
    private void feed(TallyFeed.Listener<Tally> listener, Tally... rows) {
        feed(listener, Tally::topicKey, rows);
    }

    private void feed(TallyFeed.Listener<TimelineEntry> listener, TimelineEntry... entries) {
        feed(listener, TimelineEntry::key, entries);
    }

    @SuppressWarnings("unchecked")
    private <R> void feed(TallyFeed.Listener<R> listener, Function<R, String> keyOf, R[] rows) {
        Map<String, R> current = (Map<String, R>) fed.computeIfAbsent(listener, any -> new HashMap<>());
        List<TallyFollower.Change<R>> changes = Arrays.stream(rows)
                .map(row -> new TallyFollower.Change<>(keyOf.apply(row), row))
                .toList();
        changes.forEach(change -> current.put(change.key(), change.row()));
        listener.onTallies(changes, Map.copyOf(current));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.uri() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
