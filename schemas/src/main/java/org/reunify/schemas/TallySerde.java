package org.reunify.schemas;

import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde for the tally JSON of the published topics: one JSON shape, read back as the topic's kind of tally. */
public final class TallySerde<T> implements Serde<T> {

    private final Function<T, TallyRow> toRow;
    private final Function<TallyRow, T> fromRow;

    private TallySerde(Function<T, TallyRow> toRow, Function<TallyRow, T> fromRow) {
        this.toRow = toRow;
        this.fromRow = fromRow;
    }

    /** The current tally of a region, on {@code reunification.totals}. */
    public static TallySerde<Tally> regions() {
        return new TallySerde<>(TallyRow::of, TallyRow::toTally);
    }

    /** A region's tally at the end of a day, on {@code reunification.totals.daily}. */
    public static TallySerde<DailyTally> daily() {
        return new TallySerde<>(TallyRow::of, TallyRow::toDailyTally);
    }

    /** A destination's tally, on {@code reunification.destinations}. */
    public static TallySerde<DestinationTally> destinations() {
        return new TallySerde<>(TallyRow::of, TallyRow::toDestinationTally);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, tally) -> tally == null ? null : TallyJson.toBytes(toRow.apply(tally));
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return fromRow.apply(TallyJson.rowFromBytes(bytes));
            } catch (IllegalArgumentException e) {
                throw new SerializationException(e.getMessage(), e);
            }
        };
    }
}
