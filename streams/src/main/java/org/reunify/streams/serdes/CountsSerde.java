package org.reunify.streams.serdes;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.reunify.streams.rules.Counts;

/** Tally figures and changes in the region store and its repartition topic: a version byte and three longs. */
public final class CountsSerde implements Serde<Counts> {

    private static final byte VERSION = 1;
    private static final int SIZE = 1 + 3 * Long.BYTES;

    @Override
    public Serializer<Counts> serializer() {
        return (topic, counts) -> counts == null
                ? null
                : ByteBuffer.allocate(SIZE)
                        .put(VERSION)
                        .putLong(counts.deported())
                        .putLong(counts.returned())
                        .putLong(counts.updatedAt())
                        .array();
    }

    @Override
    public Deserializer<Counts> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != SIZE || bytes[0] != VERSION) {
                throw new SerializationException("not version " + VERSION + " tally counts");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, SIZE - 1);
            return new Counts(buffer.getLong(), buffer.getLong(), buffer.getLong());
        };
    }
}
