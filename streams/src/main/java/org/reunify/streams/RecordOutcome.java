package org.reunify.streams;

import java.util.Map;

import org.reunify.streams.rules.Counts;

/**
 * What a stage of the topology made of a record: passed on (its value), refused (its value and the reason), or
 * counted (the tallies it moves).
 */
record RecordOutcome(byte[] value, String refusal, Map<String, Counts> changes) {

    static RecordOutcome passed(byte[] value) {
        return new RecordOutcome(value, null, Map.of());
    }

    static RecordOutcome refused(byte[] value, String reason) {
        return new RecordOutcome(value, reason, Map.of());
    }

    static RecordOutcome counted(Map<String, Counts> changes) {
        return new RecordOutcome(null, null, changes);
    }

    boolean isRefused() {
        return refusal != null;
    }
}
