package org.reunify.dashboard.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.reunify.dashboard.disclosure.DailyTables;
import org.reunify.dashboard.disclosure.PublishedTally;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;

/**
 * The dashboard's view of {@code reunification.totals.daily}: each region's daily tallies by date, as the page's chart
 * over time reads them.
 *
 * <p>Without suppression these are the topic's own, one per day on which the region changed, and every change is told
 * as a {@code day} event. With suppression, the series runs over every day from the first to the last, each day's
 * table suppressed as a table of its own ({@link DailyTables}), so that neither a hidden count nor the days on which a
 * hidden tally changed can be read from it ({@link LiveListing} says when it is worked out).
 */
public final class LiveDaily extends LiveListing<Tally> {

    private static final String NO_DAYS = TallyJson.toJsonArrayOfNodes(List.of());

    private volatile Map<String, String> byRegion;
    private Map<String, Tally> current = Map.of();

    public LiveDaily(Suppression suppression, Subscribers subscribers) {
        super("day", suppression, subscribers, TallyJson::toNode);
    }

    @Override
    void update(Map<String, Tally> latest) {
        current = latest;
    }

    /**
     * The region's daily tallies sorted by date, as a JSON array; empty until the topic has been read to its end.
     *
     * @param region a known region code, or {@code UA}
     */
    public Optional<String> days(String region) {
        Map<String, String> published = byRegion;
        return published == null ? Optional.empty() : Optional.of(published.getOrDefault(region, NO_DAYS));
    }

    @Override
    void publish() {
        Map<String, List<ObjectNode>> days = table.suppression().active() ? suppressed() : exact();
        Map<String, String> listings = new HashMap<>();
        days.forEach((region, nodes) -> listings.put(region, TallyJson.toJsonArrayOfNodes(nodes)));
        byRegion = Map.copyOf(listings);
    }

    private Map<String, List<ObjectNode>> exact() {
        return current.values().stream()
                .sorted(Comparator.comparing(Tally::day))
                .collect(
                        Collectors.groupingBy(Tally::code, Collectors.mapping(TallyJson::toNode, Collectors.toList())));
    }

    private Map<String, List<ObjectNode>> suppressed() {
        Collection<Tally> daily = current.values();
        Map<String, List<ObjectNode>> byRegion = new HashMap<>();
        if (daily.isEmpty()) {
            return byRegion;
        }
        LocalDate first =
                daily.stream().map(Tally::day).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last =
                daily.stream().map(Tally::day).max(Comparator.naturalOrder()).orElseThrow();
        SortedMap<LocalDate, List<PublishedTally>> series =
                DailyTables.publish(DailyTables.carryForward(daily, first, last), table);
        series.forEach((day, tallies) -> tallies.forEach(tally -> {
            ObjectNode node = tally.toNode();
            ObjectNode dated = node.objectNode().put("date", day.toString());
            dated.setAll(node);
            byRegion.computeIfAbsent(tally.code(), region -> new ArrayList<>()).add(dated);
        }));
        return byRegion;
    }
}
