package org.reunify.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;

/**
 * One figure a published source gives otherwise than the replay.
 *
 * @param source where the published figure was read: a topic, a tally file, a table
 * @param tally  the tally's key there: {@code UA-14}, {@code KP}, {@code UA-14/2025-12-03}, {@code UA-14/2022-04}
 */
public record Difference(String source, String tally, String field, String replayed, String published) {

    private static final String NONE = "(no tally)";

    private static final Map<String, Function<Tally, Object>> FIGURES = new TreeMap<>(Map.of(
            "deported", Tally::deported,
            "returned", Tally::returned,
            "outstanding", Tally::outstanding,
            "updatedAt", tally -> String.valueOf(tally.updatedAt())));

    /**
     * Compares two listings of tallies of any kind tally by tally, figure by figure; a tally only one of them has is a
     * difference too.
     */
    public static List<Difference> between(String source, List<Tally> replayed, List<Tally> published) {
        Map<String, Tally> ours = byKey(replayed);
        Map<String, Tally> theirs = byKey(published);
        List<Difference> differences = new ArrayList<>();
        ours.forEach((key, our) -> {
            Tally their = theirs.get(key);
            FIGURES.forEach((field, figure) -> {
                Object expected = figure.apply(our);
                Object actual = their == null ? null : figure.apply(their);
                if (!Objects.equals(expected, actual)) {
                    differences.add(new Difference(
                            source,
                            key,
                            field,
                            String.valueOf(expected),
                            their == null ? NONE : String.valueOf(actual)));
                }
            });
        });
        theirs.keySet().stream()
                .filter(key -> !ours.containsKey(key))
                .forEach(key -> differences.add(new Difference(source, key, "tally", NONE, "a tally")));
        return differences;
    }

    /** Compares two timelines month by month, count by count; a month only one of them has is a difference too. */
    public static List<Difference> betweenTimelines(
            String source, List<TimelineEntry> replayed, List<TimelineEntry> published) {
        Map<String, TimelineEntry> ours = new TreeMap<>();
        replayed.forEach(entry -> ours.put(entry.key(), entry));
        Map<String, TimelineEntry> theirs = new TreeMap<>();
        published.forEach(entry -> theirs.put(entry.key(), entry));
        List<Difference> differences = new ArrayList<>();
        ours.forEach((key, our) -> {
            TimelineEntry their = theirs.get(key);
            if (their == null) {
                differences.add(new Difference(source, key, "entry", "an entry", NONE));
                return;
            }
            if (our.taken() != their.taken()) {
                differences.add(
                        new Difference(source, key, "taken", Long.toString(our.taken()), Long.toString(their.taken())));
            }
            if (our.returned() != their.returned()) {
                differences.add(new Difference(
                        source, key, "returned", Long.toString(our.returned()), Long.toString(their.returned())));
            }
        });
        theirs.keySet().stream()
                .filter(key -> !ours.containsKey(key))
                .forEach(key -> differences.add(new Difference(source, key, "entry", NONE, "an entry")));
        return differences;
    }

    private static Map<String, Tally> byKey(List<Tally> tallies) {
        Map<String, Tally> byKey = new TreeMap<>();
        tallies.forEach(tally -> byKey.put(tally.topicKey(), tally));
        return byKey;
    }

    @Override
    public String toString() {
        return tally + " " + field + ": replay " + replayed + ", " + source + " " + published;
    }
}
