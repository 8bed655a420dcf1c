package org.reunify.streams.serdes;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Records on their way to their case's partition, as the case-events repartition holds them. */
public final class ReceivedSerde implements Serde<Received> {

    @Override
    public Serializer<Received> serializer() {
        return (topic, received) -> received == null ? null : received.toBytes();
    }

    @Override
    public Deserializer<Received> deserializer() {
        return (topic, bytes) -> bytes == null ? null : Received.fromBytes(bytes);
    }
}
