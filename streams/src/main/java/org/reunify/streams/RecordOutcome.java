package org.reunify.streams;

import java.util.Map;
import org.reunify.streams.rules.Counts;

/**
 * What a stage of the topology made of a record: passed on (its value), refused (the bytes for
 * {@code reunification.rejected}; the record's headers say why and whence), or counted (the tallies it moves).
 */
record RecordOutcome(byte[] value, boolean isRefused, Map<String, Counts> changes) {

    static RecordOutcome passed(byte[] value) {
        return new RecordOutcome(value, false, Map.of());
    }

    static RecordOutcome refused(byte[] value) {
        return new RecordOutcome(value, true, Map.of());
    }

    static RecordOutcome counted(Map<String, Counts> changes) {
        return new RecordOutcome(null, false, changes);
    }
}
