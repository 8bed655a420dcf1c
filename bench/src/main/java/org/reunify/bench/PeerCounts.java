package org.reunify.bench;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Children deported and returned, as the stateful peer sums them per region. */
record PeerCounts(long deported, long returned) {

    static final PeerCounts ZERO = new PeerCounts(0, 0);

    static final Serde<PeerCounts> SERDE = Serdes.<PeerCounts>serdeFrom(
            (topic, counts) -> counts == null
                    ? null
                    : ByteBuffer.allocate(2 * Long.BYTES)
                            .putLong(counts.deported())
                            .putLong(counts.returned())
                            .array(),
            (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                return new PeerCounts(buffer.getLong(), buffer.getLong());
            });

    PeerCounts plus(PeerCounts other) {
        return new PeerCounts(deported + other.deported, returned + other.returned);
    }

    PeerCounts minus(PeerCounts other) {
        return new PeerCounts(deported - other.deported, returned - other.returned);
    }
}
