package org.reunify.streams.topology;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.reunify.schemas.Refusal;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.LateRefusal;
import org.reunify.streams.rules.Position;
import org.reunify.streams.rules.Screening;
import org.reunify.streams.serdes.Received;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second stage, where all records of a case meet, whether read here or moved here from another partition: screens
 * each record and folds it into its case by the counting rules, passing on the tally changes it causes and the
 * records it refuses, its own or ones read before. A record the rules may still refuse later is held by where it lies,
 * which the case state keeps; on the rare late refusal its original bytes, which {@code reunification.rejected}
 * takes, are read back from its agency topic (docs/decisions.md #41).
 */
final class FoldCase implements FixedKeyProcessor<byte[], Received, RecordOutcome> {

    private static final Logger LOG = LoggerFactory.getLogger(FoldCase.class);

    private final CaseLimits limits;
    private final PipelineMetrics metrics;
    private final HeldRecords.Source heldRecords;
    private FixedKeyProcessorContext<byte[], RecordOutcome> context;
    private StoredCases cases;
    /** Opened on the first late refusal: most tasks never need it. */
    private HeldRecords held;

    FoldCase(CaseLimits limits, PipelineMetrics metrics, HeldRecords.Source heldRecords) {
        this.limits = limits;
        this.metrics = metrics;
        this.heldRecords = heldRecords;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], RecordOutcome> context) {
        this.context = context;
        this.cases = StoredCases.of(context);
    }

    @Override
    public void process(FixedKeyRecord<byte[], Received> record) {
        Received received = record.value();
        Screening.Result screened =
                Screening.screen(received.topic(), record.key(), received.value(), received.reportedAt());
        if (screened.isRefused()) {
            refuse(
                    record,
                    screened.refusal(),
                    received.topic(),
                    received.partition(),
                    received.offset(),
                    received.value());
            return;
        }
        CaseRecord caseRecord = new CaseRecord(
                screened.event(), new Position(received.reportedAt(), received.partition(), received.offset()));
        CaseFold.Step step = CaseFold.apply(cases, caseRecord, limits);
        cases.save();
        if (step.isHeld()) {
            metrics.counted(received.topic());
        } else {
            refuse(record, step.refused(), received.topic(), received.partition(), received.offset(), received.value());
        }
        // A late refusal is of a record of the same agency, so on the topic of the record read now.
        for (LateRefusal late : step.lateRefusals()) {
            int partition = late.position().partition();
            long offset = late.position().offset();
            refuse(
                    record,
                    late.refused(),
                    received.topic(),
                    partition,
                    offset,
                    held().valueAt(received.topic(), partition, offset));
        }
        if (step.admission() == CaseFold.Admission.DUPLICATE) {
            LOG.debug("ignored a second copy of {}", caseRecord.event().ref());
        }
        if (!step.changes().isEmpty()) {
            // Tally changes are about regions, not about this record.
            context.forward(record.withValue(RecordOutcome.counted(step)).withHeaders(new RecordHeaders()));
        }
    }

    private void refuse(
            FixedKeyRecord<byte[], Received> record,
            Refusal.Refused refused,
            String topic,
            int partition,
            long offset,
            byte[] value) {
        metrics.rejected(refused.code());
        Rejection rejection = Rejection.of(refused, topic, partition, offset, record.key(), value);
        context.forward(
                record.withValue(RecordOutcome.refused(rejection.value())).withHeaders(rejection.headers()));
    }

    private HeldRecords held() {
        if (held == null) {
            held = heldRecords.open(
                    context.appConfigsWithPrefix(""),
                    context.applicationId() + "-" + context.taskId() + "-held-records");
        }
        return held;
    }

    @Override
    public void close() {
        if (held != null) {
            held.close();
        }
    }
}
