package org.reunify.streams;

import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.reunify.schemas.Refusal;
import org.reunify.streams.rules.Screening;

/**
 * First stage, on the agency topics: refuses what can never be an event routed to a case (larger than any event, or
 * without a key) and wraps the rest with where it came from, for the task that folds its case.
 */
final class ReceiveRecord implements Processor<byte[], byte[], byte[], RecordOutcome> {

    private ProcessorContext<byte[], RecordOutcome> context;

    @Override
    public void init(ProcessorContext<byte[], RecordOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Optional<Refusal.Refused> refused = Screening.onReceipt(record.key(), record.value());
        if (refused.isPresent()) {
            Rejection rejection = Rejection.of(
                    refused.get(), source.topic(), source.partition(), source.offset(), record.key(), record.value());
            context.forward(new Record<>(
                    rejection.key(),
                    RecordOutcome.refused(rejection.value()),
                    record.timestamp(),
                    rejection.headers()));
            return;
        }
        Received received =
                new Received(source.topic(), source.partition(), source.offset(), record.timestamp(), record.value());
        context.forward(new Record<>(
                record.key(), RecordOutcome.passed(received.toBytes()), record.timestamp(), new RecordHeaders()));
    }
}
