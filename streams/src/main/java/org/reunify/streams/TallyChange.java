package org.reunify.streams;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The key under which tally changes are summed and handed on, and tallies forwarded to their topics: which tally (a
 * region's or a destination's) and, for a region's, the Kyiv day of the change. As text, {@code
 * region/UA-14/2025-12-03} or {@code destination/RU}; {@code region/UA-14} is the region's current tally.
 */
record TallyChange(Kind kind, String code, LocalDate day) {

    enum Kind {
        REGION,
        DESTINATION;

        String prefix() {
            return name().toLowerCase(Locale.ROOT) + '/';
        }
    }

    static TallyChange region(String code, LocalDate day) {
        return new TallyChange(Kind.REGION, code, day);
    }

    static TallyChange destination(String code) {
        return new TallyChange(Kind.DESTINATION, code, null);
    }

    static TallyChange parse(String key) {
        Kind kind = key.startsWith(Kind.REGION.prefix()) ? Kind.REGION : Kind.DESTINATION;
        String rest = key.substring(kind.prefix().length());
        int slash = rest.indexOf('/');
        return slash < 0
                ? new TallyChange(kind, rest, null)
                : new TallyChange(kind, rest.substring(0, slash), LocalDate.parse(rest.substring(slash + 1)));
    }

    /** The tally the change is to, without its day: what its partition follows. */
    String tally() {
        return kind.prefix() + code;
    }

    boolean isDaily() {
        return day != null;
    }

    TallyChange current() {
        return new TallyChange(kind, code, null);
    }

    @Override
    public String toString() {
        return day == null ? tally() : tally() + '/' + day;
    }

    /** Every day's changes to a tally go to the one task that keeps its series, so that it can sum them in order. */
    static <V> StreamPartitioner<String, V> byTally() {
        return (topic, key, value, partitions) ->
                Optional.of(Set.of(CasePartition.of(parse(key).tally().getBytes(StandardCharsets.UTF_8), partitions)));
    }
}
