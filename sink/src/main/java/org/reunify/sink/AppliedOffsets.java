package org.reunify.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How far a sink has applied a topic: the next offset of each partition, everything below it written. The file sink
 * keeps it in {@code position.json} beside its files, for {@code reunify status}, since it joins no consumer group.
 *
 * @param nextOffsets by partition
 * @param writtenAt   when the sink stored it
 */
public record AppliedOffsets(String topic, SortedMap<Integer, Long> nextOffsets, Instant writtenAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public AppliedOffsets {
        nextOffsets = new TreeMap<>(nextOffsets);
    }

    /** {@code {"topic":"reunification.totals","nextOffsets":{"0":120,"1":98},"writtenAt":"2026-12-03T..."}} */
    public String toJson() {
        try {
            return JSON.writeValueAsString(
                            Map.of("topic", topic, "nextOffsets", nextOffsets, "writtenAt", writtenAt.toString()))
                    + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write offsets as JSON", e);
        }
    }

    /** @throws IOException when the bytes are not what {@link #toJson()} writes */
    public static AppliedOffsets fromJson(byte[] json) throws IOException {
        Stored stored = JSON.readValue(json, Stored.class);
        if (stored.topic == null || stored.nextOffsets == null || stored.writtenAt == null) {
            throw new IOException("not a position: topic, nextOffsets and writtenAt are required");
        }
        return new AppliedOffsets(stored.topic, new TreeMap<>(stored.nextOffsets), Instant.parse(stored.writtenAt));
    }

    private static final class Stored {
        public String topic;
        public Map<Integer, Long> nextOffsets;
        public String writtenAt;
    }
}
