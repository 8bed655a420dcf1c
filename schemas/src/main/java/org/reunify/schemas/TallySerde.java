package org.reunify.schemas;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde for the tally JSON on {@code reunification.totals}. */
public final class TallySerde implements Serde<Tally> {

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
                return TallyJson.fromBytes(bytes);
            } catch (IllegalArgumentException e) {
                throw new SerializationException(e.getMessage(), e);
            }
        };
    }
}
