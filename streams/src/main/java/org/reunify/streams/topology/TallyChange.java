package org.reunify.streams.topology;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The key under which tally changes are summed and handed on, and tallies forwarded to their topics: which tally (a
 * region's, a destination's or a month of a region's timeline) and, for a region's daily tally, the Kyiv day. As
 * text, {@code region/UA-14} (the region's current tally), {@code region/UA-14/2025-12-03}, {@code destination/RU} or
 * {@code timeline/UA-14/2022-04}.
 */
record TallyChange(Kind kind, String code, LocalDate day) {

    /**
     * The key as its text in UTF-8, the bytes the repartition topic and the pending sums' changelog have always held,
     * so that records written before the key was typed are read as they were written.
     */
    static final Serde<TallyChange> SERDE = Serdes.serdeFrom(
            (topic, change) -> change == null ? null : change.toString().getBytes(StandardCharsets.UTF_8),
            (topic, bytes) -> bytes == null ? null : parse(new String(bytes, StandardCharsets.UTF_8)));

    enum Kind {
        REGION,
        DESTINATION,
        TIMELINE;

        String prefix() {
            return name().toLowerCase(Locale.ROOT) + '/';
        }
    }

    /** A region's current tally. */
    static TallyChange region(String code) {
        return new TallyChange(Kind.REGION, code, null);
    }

    /** A region's tally at the end of a day. */
    static TallyChange region(String code, LocalDate day) {
        return new TallyChange(Kind.REGION, code, day);
    }

    static TallyChange destination(String code) {
        return new TallyChange(Kind.DESTINATION, code, null);
    }

    /** @param key {@code UA-14/2022-04}, as the timeline's topic keys it */
    static TallyChange timeline(String key) {
        return new TallyChange(Kind.TIMELINE, key, null);
    }

    static TallyChange parse(String key) {
        Kind kind = Arrays.stream(Kind.values())
                .filter(candidate -> key.startsWith(candidate.prefix()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a tally change key"));
        String rest = key.substring(kind.prefix().length());
        int slash = rest.indexOf('/');
        return kind != Kind.REGION || slash < 0
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

    @Override
    public String toString() {
        return day == null ? tally() : tally() + '/' + day;
    }

    /** Every day's changes to a tally go to the one task that keeps its series, so that it can sum them in order. */
    static <V> StreamPartitioner<TallyChange, V> byTally() {
        return (topic, key, value, partitions) ->
                Optional.of(Set.of(CasePartition.of(key.tally().getBytes(StandardCharsets.UTF_8), partitions)));
    }
}
