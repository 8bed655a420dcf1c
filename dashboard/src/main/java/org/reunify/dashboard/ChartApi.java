package org.reunify.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.reunify.dashboard.live.LiveDaily;
import org.reunify.dashboard.live.LiveDestinations;
import org.reunify.dashboard.live.LiveTimeline;
import org.reunify.schemas.Destination;
import org.reunify.schemas.Destinations;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Topics;

/**
 * What the page's charts over time and its destinations panel read: {@code /api/daily?region=UA-14} (a region's
 * daily tallies by date; {@code UA} when no region is given), {@code /api/timeline?region=UA-14} (a region's months
 * taken and returned, rule 8), {@code /api/destinations} and the destination catalogue {@code
 * /api/destination-names}. Like the totals, the figures answer {@code 503} until their topic has been read.
 */
final class ChartApi {

    static final String DAILY = "/api/daily";
    static final String TIMELINE = "/api/timeline";
    static final String DESTINATIONS = "/api/destinations";
    static final String DESTINATION_NAMES = "/api/destination-names";

    private static final String CATALOGUE = catalogue();

    private final LiveDaily daily;
    private final LiveDestinations destinations;
    private final LiveTimeline timeline;

    ChartApi(LiveDaily daily, LiveDestinations destinations, LiveTimeline timeline) {
        this.daily = daily;
        this.destinations = destinations;
        this.timeline = timeline;
    }

    /** Whether the path is one of this API's. */
    static boolean serves(String path) {
        return path.equals(DAILY)
                || path.equals(TIMELINE)
                || path.equals(DESTINATIONS)
                || path.equals(DESTINATION_NAMES);
    }

    void answer(Request request, Response response, Callback callback, String path) {
        switch (path) {
            case DAILY, TIMELINE -> {
                String region = region(request.getHttpURI().getQuery());
                if (Regions.byCode(region).isEmpty()) {
                    DashboardServer.sendNoSuchRegion(response, callback, region);
                } else if (path.equals(DAILY)) {
                    DashboardServer.sendFigures(response, callback, daily.days(region), Topics.TOTALS_DAILY.name());
                } else {
                    DashboardServer.sendFigures(response, callback, timeline.months(region), Topics.TIMELINE.name());
                }
            }
            case DESTINATIONS ->
                DashboardServer.sendFigures(response, callback, destinations.listing(), Topics.DESTINATIONS.name());
            default -> DashboardServer.sendJson(response, callback, 200, CATALOGUE);
        }
    }

    /** The {@code region} of the raw query, {@code UA} when there is none. */
    private static String region(String query) {
        return query == null
                ? Regions.NATIONAL_CODE
                : Arrays.stream(query.split("&"))
                        .filter(parameter -> parameter.startsWith("region="))
                        .map(parameter -> decoded(parameter.substring("region=".length())))
                        .findFirst()
                        .orElse(Regions.NATIONAL_CODE);
    }

    /** Malformed escapes are left as they are: no region code has any, so the answer is a 404 all the same. */
    private static String decoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String catalogue() {
        ArrayNode array = new ObjectMapper().createArrayNode();
        for (Destination destination : Destinations.all()) {
            array.addObject()
                    .put("destination", destination.code())
                    .put("nameEn", destination.nameEn())
                    .put("nameUk", destination.nameUk());
        }
        return array + "\n";
    }
}
