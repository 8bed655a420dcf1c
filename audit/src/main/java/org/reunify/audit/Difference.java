package org.reunify.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.reunify.schemas.Tally;

/**
 * One figure a published source gives otherwise than the replay.
 *
 * @param source where the published figure was read: the totals topic, a tally file
 */
public record Difference(String source, String region, String field, String replayed, String published) {

    private static final Map<String, Function<Tally, Object>> FIGURES = Map.of(
            "deported", Tally::deported,
            "returned", Tally::returned,
            "outstanding", Tally::outstanding,
            "updatedAt", Tally::updatedAt);

    /** Compares two listings region by region, figure by figure. */
    public static List<Difference> between(String source, List<Tally> replayed, List<Tally> published) {
        Map<String, Tally> theirs = byRegion(published);
        List<Difference> differences = new ArrayList<>();
        for (Tally ours : replayed) {
            Tally their = theirs.get(ours.region());
            for (Map.Entry<String, Function<Tally, Object>> figure : new TreeMap<>(FIGURES).entrySet()) {
                Object expected = figure.getValue().apply(ours);
                Object actual = their == null ? null : figure.getValue().apply(their);
                if (!Objects.equals(expected, actual)) {
                    differences.add(new Difference(
                            source,
                            ours.region(),
                            figure.getKey(),
                            String.valueOf(expected),
                            their == null ? "(no tally)" : String.valueOf(actual)));
                }
            }
        }
        return differences;
    }

    private static Map<String, Tally> byRegion(List<Tally> tallies) {
        Map<String, Tally> byRegion = new TreeMap<>();
        tallies.forEach(tally -> byRegion.put(tally.region(), tally));
        return byRegion;
    }

    @Override
    public String toString() {
        return region + " " + field + ": replay " + replayed + ", " + source + " " + published;
    }
}
