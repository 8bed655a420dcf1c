package org.reunify.schemas;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for the timeline entries of {@code reunification.timeline}, docs/DESIGN.md's JSON. A null value is a
 * tombstone: the month no longer has a case in the region.
 */
public final class TimelineSerde implements Serde<TimelineEntry> {

    @Override
    public Serializer<TimelineEntry> serializer() {
        return (topic, entry) -> entry == null ? null : TallyJson.toBytes(entry);
    }

    @Override
    public Deserializer<TimelineEntry> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return TallyJson.timelineFromBytes(bytes);
            } catch (IllegalArgumentException e) {
                throw new SerializationException(e.getMessage(), e);
            }
        };
    }
}
