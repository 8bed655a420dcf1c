package org.reunify.producers.simulate;

import java.time.LocalDate;
import java.util.Objects;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * One event a simulated agency will publish, before it has an id. The {@link Timeline} numbers the drafts in each
 * agency's publication order and then builds them, so that a retraction can name a target published after it.
 */
final class Draft {

    enum Kind {
        DEPORTATION,
        RETURN,
        RETRACTION,
        /** The agency's report again, under its original id, saying something else. */
        CONFLICTING_COPY,
        /** The very same event delivered a second time. */
        REDELIVERY;

        boolean hasOwnId() {
            return this == DEPORTATION || this == RETURN || this == RETRACTION;
        }
    }

    private final Kind kind;
    private final Agency agency;
    private final String caseId;
    private final long publishedAt;
    private final int sequence;
    private final String region;
    private final LocalDate occurredOn;
    private final String destination;
    private final String reason;
    /** What a retraction withdraws, or what a copy or re-delivery repeats. */
    private final Draft original;

    private String eventId;
    private ReunificationEvent event;

    private Draft(
            Kind kind,
            Agency agency,
            String caseId,
            long publishedAt,
            int sequence,
            String region,
            LocalDate occurredOn,
            String destination,
            String reason,
            Draft original) {
        this.kind = kind;
        this.agency = Objects.requireNonNull(agency);
        this.caseId = Objects.requireNonNull(caseId);
        this.publishedAt = publishedAt;
        this.sequence = sequence;
        this.region = region;
        this.occurredOn = occurredOn;
        this.destination = destination;
        this.reason = reason;
        this.original = original;
    }

    static Draft deportation(
            int sequence,
            Agency agency,
            String caseId,
            long publishedAt,
            String region,
            LocalDate occurredOn,
            String destination) {
        return new Draft(
                Kind.DEPORTATION, agency, caseId, publishedAt, sequence, region, occurredOn, destination, null, null);
    }

    static Draft returned(
            int sequence, Agency agency, String caseId, long publishedAt, String region, LocalDate occurredOn) {
        return new Draft(Kind.RETURN, agency, caseId, publishedAt, sequence, region, occurredOn, null, null, null);
    }

    static Draft retraction(int sequence, Draft target, long publishedAt, String reason) {
        return new Draft(
                Kind.RETRACTION, target.agency, target.caseId, publishedAt, sequence, null, null, null, reason, target);
    }

    /** The deportation {@code original} under the same id, with another destination. */
    static Draft conflictingCopy(int sequence, Draft original, long publishedAt, String destination) {
        if (original.kind != Kind.DEPORTATION) {
            throw new IllegalArgumentException("only a deportation gets a conflicting copy");
        }
        return new Draft(
                Kind.CONFLICTING_COPY,
                original.agency,
                original.caseId,
                publishedAt,
                sequence,
                original.region,
                original.occurredOn,
                destination,
                null,
                original);
    }

    static Draft redelivery(int sequence, Draft original, long publishedAt) {
        return new Draft(
                Kind.REDELIVERY,
                original.agency,
                original.caseId,
                publishedAt,
                sequence,
                null,
                null,
                null,
                null,
                original);
    }

    Kind kind() {
        return kind;
    }

    Agency agency() {
        return agency;
    }

    long publishedAt() {
        return publishedAt;
    }

    /**
     * Creation order: breaks ties of {@link #publishedAt}, so a draft made after another never precedes it on a tie.
     */
    int sequence() {
        return sequence;
    }

    LocalDate occurredOn() {
        return occurredOn;
    }

    String destination() {
        return destination;
    }

    void assignId(String id) {
        if (!kind.hasOwnId() || eventId != null) {
            throw new IllegalStateException("a " + kind + " draft takes no new id");
        }
        eventId = id;
    }

    /** The event, built once: a re-delivery is the very same object as its original. */
    ReunificationEvent event(EventFactory factory) {
        if (event == null) {
            event = build(factory);
        }
        return event;
    }

    private ReunificationEvent build(EventFactory factory) {
        return switch (kind) {
            case DEPORTATION -> factory.deportation(id(), caseId, region, occurredOn, destination);
            case RETURN -> factory.returned(id(), caseId, region, occurredOn);
            case RETRACTION -> factory.retraction(id(), caseId, original.id(), reason);
            case CONFLICTING_COPY -> factory.deportation(original.id(), caseId, region, occurredOn, destination);
            case REDELIVERY -> original.event(factory);
        };
    }

    private String id() {
        if (eventId == null) {
            throw new IllegalStateException("the draft has no id yet");
        }
        return eventId;
    }
}
