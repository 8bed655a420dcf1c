package org.reunify.streams;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.reunify.streams.rules.Screening;

/**
 * First stage: marks each record with where it came from, and refuses the records that cannot be routed to
 * their case because they have no key.
 */
final class ReceiveRecord implements FixedKeyProcessor<byte[], byte[], RecordOutcome> {

    private FixedKeyProcessorContext<byte[], RecordOutcome> context;

    @Override
    public void init(FixedKeyProcessorContext<byte[], RecordOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        RecordOutcome outcome = Screening.unroutable(record.key())
                .map(reason -> RecordOutcome.refused(record.value(), reason))
                .orElseGet(() -> RecordOutcome.passed(record.value()));
        context.forward(record.withValue(outcome).withHeaders(SourceHeaders.stamp(record.headers(), source)));
    }
}
