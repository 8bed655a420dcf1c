package org.reunify.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.reunify.schemas.Topics;

/**
 * What {@code reunification.rejected} says about a refused record, for suites that match each refusal to what they
 * sent: records are named by where they lie, {@code topic/partition@offset}.
 */
public final class RejectedRecords {

    private RejectedRecords() {}

    /** Where a record the suite sent lies. */
    public static String source(RecordMetadata sent) {
        return source(sent.topic(), sent.partition(), sent.offset());
    }

    /** Where the refused record a rejected record names lies, from its {@code source.*} headers. */
    public static String sourceOf(ConsumerRecord<?, byte[]> rejected) {
        return source(
                header(rejected, Topics.SOURCE_TOPIC_HEADER),
                Integer.parseInt(header(rejected, Topics.SOURCE_PARTITION_HEADER)),
                Long.parseLong(header(rejected, Topics.SOURCE_OFFSET_HEADER)));
    }

    /** Adds a rejected record's reason under the record it names, which may be refused only once. */
    public static void addReason(Map<String, String> reasons, ConsumerRecord<byte[], byte[]> rejected) {
        String source = sourceOf(rejected);
        assertThat(reasons.put(source, header(rejected, Topics.REASON_HEADER)))
                .as("rejected twice: %s", source)
                .isNull();
    }

    /** A header's value as text; null if the record has none of that name. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String source(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }
}
