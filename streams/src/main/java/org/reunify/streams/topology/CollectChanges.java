package org.reunify.streams.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.Counts;

/**
 * Sums the tally changes of this task's cases per tally (a region's current one and its days, a destination's, a
 * month of a region's timeline) and hands the sums on every {@code interval}, instead of one record per tally per
 * event: the repartition by tally then carries at most one record per tally, day and task per interval, whatever the
 * event rate.
 * The sums wait in a logged store, so a crash neither loses nor repeats them: they commit in the same transaction as
 * the events they came from.
 */
final class CollectChanges implements Processor<byte[], RecordOutcome, TallyChange, Counts> {

    private final String storeName;
    private final Duration interval;
    private ProcessorContext<TallyChange, Counts> context;
    private KeyValueStore<TallyChange, Counts> pending;

    CollectChanges(String storeName, Duration interval) {
        this.storeName = storeName;
        this.interval = interval;
    }

    @Override
    public void init(ProcessorContext<TallyChange, Counts> context) {
        this.context = context;
        this.pending = context.getStateStore(storeName);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::handOn);
    }

    @Override
    public void process(Record<byte[], RecordOutcome> record) {
        CaseFold.Step step = record.value().counted();
        step.changes().forEach((region, change) -> add(TallyChange.region(region), change));
        step.days()
                .forEach((day, changes) ->
                        changes.forEach((region, change) -> add(TallyChange.region(region, day), change)));
        step.destinationChanges().forEach((destination, change) -> add(TallyChange.destination(destination), change));
        step.timelineChanges().forEach((month, change) -> add(TallyChange.timeline(month), change));
    }

    private void add(TallyChange tally, Counts change) {
        Counts sum = pending.get(tally);
        pending.put(tally, sum == null ? change : sum.plus(change));
    }

    private void handOn(long now) {
        List<TallyChange> handedOn = new ArrayList<>();
        try (KeyValueIterator<TallyChange, Counts> sums = pending.all()) {
            while (sums.hasNext()) {
                KeyValue<TallyChange, Counts> sum = sums.next();
                context.forward(new Record<>(sum.key, sum.value, now));
                handedOn.add(sum.key);
            }
        }
        handedOn.forEach(pending::delete);
    }
}
