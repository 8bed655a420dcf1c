package org.reunify.streams.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventRules;
import org.reunify.schemas.Topics;
import org.reunify.schemas.UndecodableEventException;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * What the stream and the replay check of every record before the counting rules see it: that it decodes,
 * keeps DESIGN.md's field rules, is keyed by its case and names the agency whose topic it arrived on.
 */
public final class Screening {

    static final String NO_KEY = "KEY_MISMATCH: the record has no key; events are keyed by caseId";

    private Screening() {
    }

    /**
     * The record as an event, or why it is refused.
     *
     * @param topic      the agency topic the record arrived on
     * @param reportedAt the record's append time
     */
    public static Result screen(String topic, byte[] key, byte[] value, long reportedAt) {
        Optional<String> unroutable = unroutable(key);
        if (unroutable.isPresent()) {
            return Result.refused(unroutable.get());
        }
        ReunificationEvent event;
        try {
            event = EventCodec.decode(value);
        } catch (UndecodableEventException e) {
            return Result.refused(e.reason());
        }
        Optional<String> agency = Topics.agencyOf(topic);
        if (agency.isEmpty() || !agency.get().equals(event.getAgency())) {
            return Result.refused("AGENCY_MISMATCH: the event names another agency than the topic it arrived on ("
                    + agency.orElse(String.valueOf(topic)) + ")");
        }
        if (!Arrays.equals(key, event.getCaseId().getBytes(StandardCharsets.UTF_8))) {
            return Result.refused("KEY_MISMATCH: the record key is not the event's caseId");
        }
        return EventRules.violation(event, Instant.ofEpochMilli(reportedAt))
                .map(problem -> Result.refused("INVALID_EVENT: " + problem))
                .orElseGet(() -> Result.admissible(CaseEvent.of(event, reportedAt)));
    }

    /**
     * The check made first, before a record is routed to its case: without a key it has no case. The stream makes
     * it on receipt, the replay at the start of {@link #screen}, so both give such a record the same reason.
     */
    public static Optional<String> unroutable(byte[] key) {
        return key == null || key.length == 0 ? Optional.of(NO_KEY) : Optional.empty();
    }

    /** Either an event for the counting rules, or the reason the record is refused. */
    public record Result(CaseEvent event, String refusal) {

        static Result admissible(CaseEvent event) {
            return new Result(event, null);
        }

        static Result refused(String reason) {
            return new Result(null, reason);
        }

        public boolean isRefused() {
            return refusal != null;
        }
    }
}
