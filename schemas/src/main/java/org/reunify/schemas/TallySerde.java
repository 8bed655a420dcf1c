package org.reunify.schemas;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for the tally JSON of the published topics: one JSON shape, read back only as the kind of tally the
 * topic holds.
 */
public final class TallySerde implements Serde<Tally> {

    private final Breakdown by;
    private final boolean daily;

    private TallySerde(Breakdown by, boolean daily) {
        this.by = by;
        this.daily = daily;
    }

    /** The current tally of a region, on {@code reunification.totals}. */
    public static TallySerde regions() {
        return new TallySerde(Breakdown.region, false);
    }

    /** A region's tally at the end of a day, on {@code reunification.totals.daily}. */
    public static TallySerde daily() {
        return new TallySerde(Breakdown.region, true);
    }

    /** A destination's tally, on {@code reunification.destinations}. */
    public static TallySerde destinations() {
        return new TallySerde(Breakdown.destination, false);
    }

    @Override
    public Serializer<Tally> serializer() {
        return (topic, tally) -> tally == null ? null : TallyJson.toBytes(tally);
    }

    @Override
    public Deserializer<Tally> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return ofTheKind(TallyJson.fromBytes(bytes));
            } catch (IllegalArgumentException e) {
                throw new SerializationException(e.getMessage(), e);
            }
        };
    }

    private Tally ofTheKind(Tally tally) {
        if (tally.by() != by) {
            throw new MalformedTallyException("a tally by " + tally.by() + " where one by " + by + " belongs");
        }
        if (tally.isDaily() != daily) {
            throw new MalformedTallyException(
                    daily ? "tally lacks 'date'" : "a daily tally where a current one belongs");
        }
        return tally;
    }
}
