package org.reunify.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.TallyRow;
import org.reunify.sink.TallyFeed;
import org.reunify.sink.TallyFollower;

/**
 * The dashboard's view of {@code reunification.totals.daily}, already suppressed as configured: each region's daily
 * tallies by date, as the page's chart over time reads them, and a {@code day} event for every change.
 */
final class LiveDaily implements TallyFeed.Listener {

    private static final String NO_DAYS = TallyJson.toJsonArrayOfNodes(List.of());

    private final Suppression suppression;
    private final ChangeEvents events;
    private final Map<String, String> byRegion = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;
    private long batches;

    LiveDaily(Suppression suppression, Subscribers subscribers) {
        this.suppression = suppression;
        this.events = new ChangeEvents("day", suppression, subscribers);
    }

    @Override
    public synchronized void onTallies(List<TallyFollower.Change> changes, Map<String, TallyRow> current) {
        Set<String> regions =
                changes.stream().map(change -> regionOf(change.key())).collect(Collectors.toSet());
        // Only the regions that changed are listed again: a long history holds many days of every region.
        Map<String, List<TallyRow>> days = current.values().stream()
                .filter(row -> regions.contains(row.key()))
                .collect(Collectors.groupingBy(TallyRow::key));
        for (String region : regions) {
            List<ObjectNode> listing = days.getOrDefault(region, List.of()).stream()
                    .sorted(Comparator.comparing(TallyRow::date))
                    .map(suppression::publish)
                    .toList();
            byRegion.put(region, TallyJson.toJsonArrayOfNodes(listing));
        }
        // The page fetches the listing whenever its stream opens, so the days read while catching up need no event.
        if (caughtUp) {
            events.announce(changes, ++batches);
        }
        caughtUp = true;
    }

    /**
     * The region's daily tallies sorted by date, as a JSON array; empty until the topic has been read to its end.
     *
     * @param region a known region code, or {@code UA}
     */
    Optional<String> days(String region) {
        return caughtUp ? Optional.of(byRegion.getOrDefault(region, NO_DAYS)) : Optional.empty();
    }

    /** The region of a key such as {@code UA-14/2025-12-03}. */
    private static String regionOf(String key) {
        return key.split("/", 2)[0];
    }
}
