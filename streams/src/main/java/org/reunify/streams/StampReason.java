package org.reunify.streams;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Turns a refusal back into the original record, with the reason beside its source coordinates. */
final class StampReason implements FixedKeyProcessor<byte[], RecordOutcome, byte[]> {

    private FixedKeyProcessorContext<byte[], byte[]> context;

    @Override
    public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], RecordOutcome> record) {
        RecordOutcome refused = record.value();
        context.forward(record.withValue(refused.value()).withHeaders(SourceHeaders.withReason(record.headers(), refused.refusal())));
    }
}
