package org.reunify.streams;

import java.util.Map;
import org.reunify.streams.rules.Counts;

/**
 * What a stage of the topology made of a record: refused (the bytes for {@code reunification.rejected}; the record's
 * headers say why and whence), received for its case (folded where it was read, or first moved to its case's
 * partition), or counted (the tallies it moves).
 */
record RecordOutcome(
        Route route,
        byte[] value,
        Received received,
        Map<String, Counts> changes,
        Map<String, Counts> destinationChanges) {

    /** Where the record goes next. */
    enum Route {
        REFUSED,
        FOLD_IN_PLACE,
        FOLD_ON_CASE_PARTITION,
        COUNTED
    }

    static RecordOutcome refused(byte[] value) {
        return new RecordOutcome(Route.REFUSED, value, null, Map.of(), Map.of());
    }

    /** @param inPlace whether the record lies on the partition its case is folded on */
    static RecordOutcome toFold(Received received, boolean inPlace) {
        return new RecordOutcome(
                inPlace ? Route.FOLD_IN_PLACE : Route.FOLD_ON_CASE_PARTITION, null, received, Map.of(), Map.of());
    }

    /**
     * @param changes            the regional tallies to move, by region code and {@code UA}
     * @param destinationChanges the destination tallies to move, by destination code
     */
    static RecordOutcome counted(Map<String, Counts> changes, Map<String, Counts> destinationChanges) {
        return new RecordOutcome(Route.COUNTED, null, null, changes, destinationChanges);
    }

    boolean isRefused() {
        return route == Route.REFUSED;
    }
}
