package org.reunify.dashboard.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.dashboard.disclosure.TimelineTables;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.TimelineEntry;

/**
 * The dashboard's view of {@code reunification.timeline}: each region's months taken and returned (rule 8), by month,
 * as the page's second chart reads them.
 *
 * <p>Without suppression these are the topic's own, and every change is told as a {@code month} event. With
 * suppression only the nation's months are published, each measure suppressed as a table whose total is the national
 * figure ({@link TimelineTables}); a region's are not published at all. {@link LiveListing} says when it is worked
 * out.
 */
public final class LiveTimeline extends LiveListing<TimelineEntry> {

    private static final String NO_MONTHS = TallyJson.toJsonArrayOfNodes(List.of());

    private volatile Map<String, String> byRegion;
    private List<TimelineEntry> current = List.of();

    public LiveTimeline(Suppression suppression, Subscribers subscribers) {
        super("month", suppression, subscribers, TallyJson::toNode);
    }

    @Override
    void update(Map<String, TimelineEntry> latest) {
        current = Tallies.sortedTimeline(latest.values());
    }

    /**
     * The region's months sorted by month ({@code UNKNOWN} last), as a JSON array; empty until the topic has been read
     * to its end.
     *
     * @param region a known region code, or {@code UA}
     */
    public Optional<String> months(String region) {
        Map<String, String> published = byRegion;
        return published == null ? Optional.empty() : Optional.of(published.getOrDefault(region, NO_MONTHS));
    }

    @Override
    void publish() {
        Map<String, List<ObjectNode>> months = new HashMap<>();
        if (table.suppression().active()) {
            months.put(
                    Regions.NATIONAL_CODE,
                    TimelineTables.national(national(), table).stream()
                            .map(TimelineTables.PublishedMonth::toNode)
                            .toList());
        } else {
            months.putAll(current.stream()
                    .collect(Collectors.groupingBy(
                            TimelineEntry::region, Collectors.mapping(TallyJson::toNode, Collectors.toList()))));
        }
        Map<String, String> listings = new HashMap<>();
        months.forEach((region, nodes) -> listings.put(region, TallyJson.toJsonArrayOfNodes(nodes)));
        byRegion = Map.copyOf(listings);
    }

    private List<TimelineEntry> national() {
        return current.stream()
                .filter(entry -> entry.region().equals(Regions.NATIONAL_CODE))
                .toList();
    }
}
