package org.reunify.streams.topology;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Topics;
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
 * records it refuses, its own or ones read before. A record the rules may still refuse later is held, its bytes kept
 * until then, since {@code reunification.rejected} takes the original bytes.
 */
final class FoldCase implements FixedKeyProcessor<byte[], Received, RecordOutcome> {

    private static final Logger LOG = LoggerFactory.getLogger(FoldCase.class);

    private final CaseLimits limits;
    private final PipelineMetrics metrics;
    private FixedKeyProcessorContext<byte[], RecordOutcome> context;
    private StoredCases cases;
    private KeyValueStore<String, byte[]> held;

    FoldCase(CaseLimits limits, PipelineMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], RecordOutcome> context) {
        this.context = context;
        this.cases = StoredCases.of(context);
        this.held = context.getStateStore(ReunificationTopology.HELD_RECORDS);
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
            held.put(heldKey(received.topic(), caseRecord.position()), received.value());
        } else {
            refuse(record, step.refused(), received.topic(), received.partition(), received.offset(), received.value());
        }
        for (LateRefusal late : step.lateRefusals()) {
            String key = heldKey(received.topic(), late.position());
            byte[] bytes = held.get(key);
            if (bytes == null) {
                throw new IllegalStateException("no held record at " + received.topic() + " partition "
                        + late.position().partition() + " offset "
                        + late.position().offset() + " to refuse late");
            }
            held.delete(key);
            refuse(
                    record,
                    late.refused(),
                    received.topic(),
                    late.position().partition(),
                    late.position().offset(),
                    bytes);
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

    /** Held records are named by where they lie: unique, and the same for every read of the history. */
    private static String heldKey(String topic, Position position) {
        return Topics.agencyOf(topic).orElseThrow() + '|' + position.partition() + '|' + position.offset();
    }
}
