package org.reunify.streams.runtime;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.api.Record;
import org.reunify.schemas.Topics;
import org.reunify.streams.serdes.Received;
import org.reunify.streams.topology.ReunificationTopology;

/**
 * Names the record a failure is about as an operator finds it: in the agency topics where it came from one. Each
 * name is taken from what the stream itself carries (a record of the case-events topic holds its origin, a refusal
 * names its source in headers) before Kafka's context, which by the time a write fails may describe a later record.
 * Null when no record can be named.
 */
final class RecordNames {

    private static final String CASE_EVENTS_SUFFIX = "-" + ReunificationTopology.CASE_EVENTS + "-repartition";

    private RecordNames() {}

    /** The record a processor failed on. */
    static String processing(ErrorHandlerContext context, Record<?, ?> record) {
        if (record != null && record.value() instanceof Received received && isCaseEvents(context.topic())) {
            return origin(
                    received,
                    "read as " + context.topic() + " partition " + context.partition() + " offset " + context.offset());
        }
        return context.topic() == null
                ? null
                : context.topic() + " partition " + context.partition() + " offset " + context.offset();
    }

    /** The record whose output the broker refused. */
    static String production(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> written) {
        Headers headers = written.headers();
        if (headers != null && headers.lastHeader(Topics.SOURCE_TOPIC_HEADER) != null) {
            return text(headers.lastHeader(Topics.SOURCE_TOPIC_HEADER)) + " partition "
                    + text(headers.lastHeader(Topics.SOURCE_PARTITION_HEADER)) + " offset "
                    + text(headers.lastHeader(Topics.SOURCE_OFFSET_HEADER)) + " (written to " + written.topic() + ")";
        }
        if (isCaseEvents(written.topic())) {
            return origin(written.value(), "written to " + written.topic());
        }
        return null;
    }

    /** A record that could not be read. */
    static String deserialization(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + " partition " + record.partition() + " offset " + record.offset();
    }

    private static boolean isCaseEvents(String topic) {
        return topic != null && topic.endsWith(CASE_EVENTS_SUFFIX);
    }

    private static String origin(byte[] value, String how) {
        if (value == null) {
            return null;
        }
        try {
            return origin(Received.fromBytes(value), how);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static String origin(Received received, String how) {
        return received.topic() + " partition " + received.partition() + " offset " + received.offset() + " (" + how
                + ")";
    }

    private static String text(Header header) {
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
