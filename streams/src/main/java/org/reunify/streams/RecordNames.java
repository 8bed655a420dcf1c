package org.reunify.streams;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.reunify.schemas.Topics;

/** Names the record a failure is about as an operator finds it: in the agency topics where it came from one. */
final class RecordNames {

    private RecordNames() {
    }

    /** The record being processed when processing failed. */
    static String of(ErrorHandlerContext context) {
        return of(context.topic(), context.partition(), context.offset(), context.sourceRawValue());
    }

    /**
     * The record whose output could not be written. The broker's answer comes after the record that caused it was
     * processed, so the context may no longer know it; what the stream writes says where it came from.
     */
    static String of(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> written) {
        if (context.topic() != null) {
            return of(context);
        }
        Headers headers = written.headers();
        if (headers != null && headers.lastHeader(Topics.SOURCE_TOPIC_HEADER) != null) {
            return text(headers.lastHeader(Topics.SOURCE_TOPIC_HEADER)) + " partition " + text(headers.lastHeader(Topics.SOURCE_PARTITION_HEADER))
                    + " offset " + text(headers.lastHeader(Topics.SOURCE_OFFSET_HEADER)) + " (written to " + written.topic() + ")";
        }
        if (written.topic().endsWith(caseEventsSuffix())) {
            return of(written.topic(), -1, -1, written.value());
        }
        return "a record written to " + written.topic();
    }

    private static String of(String topic, int partition, long offset, byte[] value) {
        String here = topic + " partition " + partition + " offset " + offset;
        if (topic != null && topic.endsWith(caseEventsSuffix()) && value != null) {
            try {
                Received received = Received.fromBytes(value);
                return received.topic() + " partition " + received.partition() + " offset " + received.offset() + " (read as " + here + ")";
            } catch (IllegalStateException e) {
                return here;
            }
        }
        return here;
    }

    private static String caseEventsSuffix() {
        return "-" + ReunificationTopology.CASE_EVENTS + "-repartition";
    }

    private static String text(Header header) {
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
