package org.reunify.streams.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventRules;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Topics;
import org.reunify.schemas.UndecodableEventException;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * What the stream and the replay check of every record before the counting rules see it: that it is of a size an
 * event can have, decodes, keeps docs/DESIGN.md's field rules, is keyed by its case and names the agency whose topic it
 * arrived on.
 */
public final class Screening {

    private Screening() {}

    /**
     * The record as an event, or why it is refused.
     *
     * @param topic      the agency topic the record arrived on
     * @param reportedAt the record's append time
     */
    public static Result screen(String topic, byte[] key, byte[] value, long reportedAt) {
        Optional<Refusal.Refused> onReceipt = onReceipt(key, value);
        if (onReceipt.isPresent()) {
            return Result.refused(onReceipt.get());
        }
        ReunificationEvent event;
        try {
            event = EventCodec.decode(value);
        } catch (UndecodableEventException e) {
            return Result.refused(e.refused());
        }
        Optional<String> agency = Topics.agencyOf(topic);
        if (agency.isEmpty() || !agency.get().equals(event.getAgency())) {
            return Result.refused(
                    Refusal.AGENCY_MISMATCH.because("the event names another agency than the topic it arrived on ("
                            + agency.orElse(String.valueOf(topic)) + ")"));
        }
        if (!Arrays.equals(key, event.getCaseId().getBytes(StandardCharsets.UTF_8))) {
            return Result.refused(Refusal.KEY_MISMATCH.because("the record key is not the event's caseId"));
        }
        return EventRules.violation(event, Instant.ofEpochMilli(reportedAt))
                .map(problem -> Result.refused(Refusal.INVALID_EVENT.because(problem)))
                .orElseGet(() -> Result.admissible(CaseEvent.of(event)));
    }

    /**
     * The checks made first, before a record is routed to its case: a key or value larger than any event, which is
     * never read further, and a record without a key, which has no case. The stream makes them on receipt, the replay
     * at the start of {@link #screen}, so both give such a record the same reason.
     */
    public static Optional<Refusal.Refused> onReceipt(byte[] key, byte[] value) {
        if (isOversized(key) || isOversized(value)) {
            return Optional.of(Refusal.OVERSIZED.because("the record's key or value is larger than "
                    + Refusal.MAX_RECORD_PART_BYTES + " bytes (key " + length(key) + ", value " + length(value)
                    + "); no event is that large"));
        }
        if (key == null || key.length == 0) {
            return Optional.of(Refusal.KEY_MISMATCH.because("the record has no key; events are keyed by caseId"));
        }
        return Optional.empty();
    }

    public static boolean isOversized(byte[] part) {
        return part != null && part.length > Refusal.MAX_RECORD_PART_BYTES;
    }

    private static int length(byte[] part) {
        return part == null ? 0 : part.length;
    }

    /** Either an event for the counting rules, or the reason the record is refused. */
    public record Result(CaseEvent event, Refusal.Refused refusal) {

        static Result admissible(CaseEvent event) {
            return new Result(event, null);
        }

        static Result refused(Refusal.Refused refusal) {
            return new Result(null, refusal);
        }

        public boolean isRefused() {
            return refusal != null;
        }
    }
}
