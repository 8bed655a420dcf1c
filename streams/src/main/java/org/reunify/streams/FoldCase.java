package org.reunify.streams;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseHistory;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.Screening;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second stage, where all events of a case meet: screens each record and folds it into its case's history by
 * the counting rules, passing on the tally changes it causes or the reason it is refused.
 */
final class FoldCase implements FixedKeyProcessor<byte[], byte[], RecordOutcome> {

    private static final Logger LOG = LoggerFactory.getLogger(FoldCase.class);

    private final String storeName;
    private FixedKeyProcessorContext<byte[], RecordOutcome> context;
    private KeyValueStore<String, CaseHistory> histories;

    FoldCase(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], RecordOutcome> context) {
        this.context = context;
        this.histories = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        Screening.Result screened = Screening.screen(
                SourceHeaders.sourceTopic(record.headers()), record.key(), record.value(), record.timestamp());
        if (screened.isRefused()) {
            context.forward(record.withValue(RecordOutcome.refused(record.value(), screened.refusal())));
            return;
        }
        CaseEvent event = screened.event();
        CaseFold.Step step = CaseFold.apply(histories.get(event.caseId()), event);
        switch (step.admission()) {
            case ACCEPTED -> {
                histories.put(event.caseId(), step.history());
                // Tally changes are about regions, not about this record: its headers stay behind.
                context.forward(record.withValue(RecordOutcome.counted(step.changes())).withHeaders(new RecordHeaders()));
            }
            case DUPLICATE -> LOG.debug("ignored a second copy of {}", event.ref());
            default -> context.forward(record.withValue(RecordOutcome.refused(record.value(), step.admission().reason(event))));
        }
    }
}
