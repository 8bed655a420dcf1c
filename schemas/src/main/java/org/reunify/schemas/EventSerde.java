package org.reunify.schemas;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.reunify.schemas.avro.ReunificationEvent;

/** Kafka serde for events in Avro single-object encoding (see {@link EventCodec}). */
public final class EventSerde implements Serde<ReunificationEvent> {

    @Override
    public Serializer<ReunificationEvent> serializer() {
        return (topic, event) -> event == null ? null : EventCodec.encode(event);
    }

    @Override
    public Deserializer<ReunificationEvent> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return EventCodec.decode(bytes);
            } catch (UndecodableEventException e) {
                throw new SerializationException(e.reason(), e);
            }
        };
    }
}
