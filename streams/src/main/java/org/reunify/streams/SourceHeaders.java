package org.reunify.streams;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.reunify.schemas.Topics;

/**
 * The coordinates of a record's origin, carried in headers across the repartition so that a record refused
 * downstream still names the agency topic, partition and offset it came from.
 */
final class SourceHeaders {

    private SourceHeaders() {
    }

    /** The record's own headers, minus any it forged under our names, plus where it came from. */
    static Headers stamp(Headers original, RecordMetadata source) {
        Headers headers = new RecordHeaders(original.toArray());
        headers.remove(Topics.SOURCE_TOPIC_HEADER);
        headers.remove(Topics.SOURCE_PARTITION_HEADER);
        headers.remove(Topics.SOURCE_OFFSET_HEADER);
        headers.remove(Topics.REASON_HEADER);
        headers.add(Topics.SOURCE_TOPIC_HEADER, utf8(source.topic()));
        headers.add(Topics.SOURCE_PARTITION_HEADER, utf8(Integer.toString(source.partition())));
        headers.add(Topics.SOURCE_OFFSET_HEADER, utf8(Long.toString(source.offset())));
        return headers;
    }

    static String sourceTopic(Headers headers) {
        Header header = headers.lastHeader(Topics.SOURCE_TOPIC_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static Headers withReason(Headers stamped, String reason) {
        Headers headers = new RecordHeaders(stamped.toArray());
        headers.remove(Topics.REASON_HEADER);
        headers.add(Topics.REASON_HEADER, utf8(reason));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
