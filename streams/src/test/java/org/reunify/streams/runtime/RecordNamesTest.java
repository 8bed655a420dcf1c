package org.reunify.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.Topics;
import org.reunify.streams.serdes.Received;

/**
 * A failure names its record as an operator finds it, from what the stream carries rather than from Kafka's context.
 */
class RecordNamesTest {

    private static final String CASE_EVENTS = "reunify-case-events-repartition";
    private final Received received = new Received("reunification.events.rchr", 1, 99, 5, new byte[] {1});

    @Test
    void aRecordOfTheCaseEventsTopicIsNamedWhereItCameFrom() {
        assertThat(RecordNames.processing(new Context(CASE_EVENTS, 3, 4_000), new Record<>(new byte[0], received, 5)))
                .isEqualTo("reunification.events.rchr partition 1 offset 99 (read as reunify-case-events-repartition "
                        + "partition 3 offset 4000)");
    }

    @Test
    void aRecordOfAnAgencyTopicIsNamedAsItLies() {
        assertThat(RecordNames.processing(new Context("reunification.events.nib", 2, 17), null))
                .isEqualTo("reunification.events.nib partition 2 offset 17");
    }

    @Test
    void aRefusedWriteIsNamedByTheRefusalsSourceNotByTheRecordTheTaskHasMovedOnTo() {
        Headers headers = new RecordHeaders();
        headers.add(Topics.SOURCE_TOPIC_HEADER, utf8("reunification.events.nib"));
        headers.add(Topics.SOURCE_PARTITION_HEADER, utf8("0"));
        headers.add(Topics.SOURCE_OFFSET_HEADER, utf8("7"));

        assertThat(RecordNames.production(
                        new Context("reunification.events.nib", 0, 8),
                        new ProducerRecord<>(Topics.REJECTED.name(), null, null, new byte[0], new byte[0], headers)))
                .isEqualTo("reunification.events.nib partition 0 offset 7 (written to reunification.rejected)");
    }

    @Test
    void aRefusedWriteToTheCaseEventsTopicIsNamedByTheOriginItCarries() {
        assertThat(RecordNames.production(
                        new Context(null, -1, -1), new ProducerRecord<>(CASE_EVENTS, new byte[0], received.toBytes())))
                .isEqualTo(
                        "reunification.events.rchr partition 1 offset 99 (written to reunify-case-events-repartition)");
    }

    @Test
    void aFailureWithNoRecordNamesNone() {
        assertThat(RecordNames.processing(new Context(null, -1, -1), null)).isNull();
        assertThat(RecordNames.production(
                        new Context(null, -1, -1),
                        new ProducerRecord<>("reunification.totals", new byte[0], new byte[0])))
                .isNull();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private record Context(String topic, int partition, long offset) implements ErrorHandlerContext {

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "fold-case";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(1, Math.max(0, partition));
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return null;
        }

        @Override
        public byte[] sourceRawValue() {
            return null;
        }
    }
}
