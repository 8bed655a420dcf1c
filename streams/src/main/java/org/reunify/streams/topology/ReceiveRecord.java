package org.reunify.streams.topology;

import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.reunify.schemas.Refusal;
import org.reunify.streams.rules.Screening;
import org.reunify.streams.serdes.Received;

/**
 * First stage, on the agency topics: refuses what can never be an event routed to a case (larger than any event, or
 * without a key) and takes the rest with where it came from, to be folded here if it lies on its case's partition
 * ({@link CasePartition}), or on that partition otherwise.
 */
final class ReceiveRecord implements Processor<byte[], byte[], byte[], RecordOutcome> {

    private final int casePartitions;
    private final PipelineMetrics metrics;
    private ProcessorContext<byte[], RecordOutcome> context;

    /** @param casePartitions partitions of the case-events repartition: how many partitions cases are spread over */
    ReceiveRecord(int casePartitions, PipelineMetrics metrics) {
        this.casePartitions = casePartitions;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], RecordOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Optional<Refusal.Refused> refused = Screening.onReceipt(record.key(), record.value());
        if (refused.isPresent()) {
            metrics.rejected(refused.get().code());
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
        boolean inPlace = CasePartition.of(record.key(), casePartitions) == source.partition();
        context.forward(new Record<>(
                record.key(), RecordOutcome.toFold(received, inPlace), record.timestamp(), new RecordHeaders()));
    }
}
