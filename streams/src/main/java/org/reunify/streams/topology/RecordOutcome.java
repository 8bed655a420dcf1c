package org.reunify.streams.topology;

import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.serdes.Received;

/**
 * What a stage of the topology made of a record: refused (the bytes for {@code reunification.rejected}; the record's
 * headers say why and whence), received for its case (folded where it was read, or first moved to its case's
 * partition), or counted (the rules' step, with the tallies it moves).
 */
record RecordOutcome(Route route, byte[] value, Received received, CaseFold.Step counted) {

    /** Where the record goes next. */
    enum Route {
        REFUSED,
        FOLD_IN_PLACE,
        FOLD_ON_CASE_PARTITION,
        COUNTED
    }

    static RecordOutcome refused(byte[] value) {
        return new RecordOutcome(Route.REFUSED, value, null, null);
    }

    /** @param inPlace whether the record lies on the partition its case is folded on */
    static RecordOutcome toFold(Received received, boolean inPlace) {
        return new RecordOutcome(inPlace ? Route.FOLD_IN_PLACE : Route.FOLD_ON_CASE_PARTITION, null, received, null);
    }

    /** @param step what the counting rules made of the record: the tallies it moves */
    static RecordOutcome counted(CaseFold.Step step) {
        return new RecordOutcome(Route.COUNTED, null, null, step);
    }

    boolean isRefused() {
        return route == Route.REFUSED;
    }
}
