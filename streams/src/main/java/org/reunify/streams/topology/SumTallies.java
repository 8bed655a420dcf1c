package org.reunify.streams.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.reunify.streams.rules.Counts;

/**
 * Adds the changes handed on to each tally and passes on every tally they move: a current one (a region's, a
 * destination's, a month of a region's timeline), or a region's days from the change's day on. A region's day holds
 * the sum of every change of that day and before, so a change that arrives after changes of later days still reaches
 * the end of every later day the region has. A month of the timeline that no longer counts a case, and a day whose
 * changes came to nothing, are forgotten and passed on as nothing (null), for their topic to delete.
 */
final class SumTallies implements Processor<TallyChange, Counts, TallyChange, Counts> {

    /** After every ISO date: the upper bound of a region's days. */
    private static final String LAST_DAY = "9999-12-31";

    private KeyValueStore<String, Counts> current;
    private KeyValueStore<String, Counts> daily;
    private ProcessorContext<TallyChange, Counts> context;

    @Override
    public void init(ProcessorContext<TallyChange, Counts> context) {
        this.context = context;
        this.current = context.getStateStore(ReunificationTopology.TALLY_STORE);
        this.daily = context.getStateStore(ReunificationTopology.DAILY_STORE);
    }

    @Override
    public void process(Record<TallyChange, Counts> record) {
        TallyChange change = record.key();
        if (change.isDaily()) {
            addFrom(change, record);
            return;
        }
        String tally = change.tally();
        Counts sum = current.get(tally);
        sum = sum == null ? record.value() : sum.plus(record.value());
        if (change.kind() == TallyChange.Kind.TIMELINE && sum.equals(Counts.NONE)) {
            current.delete(tally);
            context.forward(record.withValue(null));
        } else {
            current.put(tally, sum);
            context.forward(record.withValue(sum));
        }
    }

    /**
     * Moves the day's tally and every later one. A region has a tally for the days on which it changed: a day the
     * region had no tally for gets one only if the change moves it past the day before (a record that changes nothing,
     * a refused or repeated one, makes no day), and a day whose changes come to nothing, once a record read later
     * takes back what one read earlier did that day, is deleted (passed on as null). Later days keep their tallies:
     * the change moves them all alike.
     */
    private void addFrom(TallyChange change, Record<TallyChange, Counts> record) {
        String day = change.toString();
        String days = change.tally() + '/';
        List<KeyValue<String, Counts>> moved = new ArrayList<>();
        try (KeyValueIterator<String, Counts> later = daily.range(day, days + LAST_DAY)) {
            later.forEachRemaining(found -> moved.add(KeyValue.pair(found.key, found.value)));
        }
        Counts dayBefore = dayBefore(days, day);
        boolean hadTheDay = !moved.isEmpty() && moved.get(0).key.equals(day);
        if (!hadTheDay) {
            moved.add(0, KeyValue.pair(day, dayBefore));
        }
        for (KeyValue<String, Counts> moving : moved) {
            Counts after = moving.value.plus(record.value());
            if (moving.key.equals(day) && after.equals(dayBefore)) {
                if (hadTheDay) {
                    daily.delete(day);
                    context.forward(record.withValue(null));
                }
            } else if (!after.equals(moving.value)) {
                daily.put(moving.key, after);
                context.forward(record.withKey(TallyChange.parse(moving.key)).withValue(after));
            }
        }
    }

    /** The tally at the end of the last day before {@code day} on which it had one. */
    private Counts dayBefore(String days, String day) {
        try (KeyValueIterator<String, Counts> earlier = daily.reverseRange(days, day)) {
            while (earlier.hasNext()) {
                KeyValue<String, Counts> found = earlier.next();
                if (!found.key.equals(day)) {
                    return found.value;
                }
            }
        }
        return Counts.NONE;
    }
}
