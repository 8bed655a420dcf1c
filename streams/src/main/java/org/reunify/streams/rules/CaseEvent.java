package org.reunify.streams.rules;

import java.time.LocalDate;
import java.util.Objects;
import org.reunify.schemas.avro.DeportationReported;
import org.reunify.schemas.avro.ReportRetracted;
import org.reunify.schemas.avro.ReturnConfirmed;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * What an agency said about a case, as the counting rules see it: the content of a record, without where or when it
 * was appended (see {@link CaseRecord}).
 *
 * @param region      the reported region; null for a retraction
 * @param occurredOn  null for a retraction
 * @param destination null unless a deportation names one
 * @param retracts    the eventId a retraction withdraws; null otherwise
 * @param reason      a retraction's reason; null otherwise
 */
public record CaseEvent(
        EventRef ref,
        String caseId,
        EventKind kind,
        String region,
        LocalDate occurredOn,
        String destination,
        String retracts,
        String reason) {

    public CaseEvent {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(kind, "kind");
    }

    /** The event a validated Avro record carries. */
    public static CaseEvent of(ReunificationEvent event) {
        EventRef ref = new EventRef(event.getAgency(), event.getEventId());
        Object body = event.getBody();
        if (body instanceof DeportationReported d) {
            return new CaseEvent(
                    ref,
                    event.getCaseId(),
                    EventKind.DEPORTATION_REPORTED,
                    d.getRegion(),
                    d.getOccurredOn(),
                    d.getDestination(),
                    null,
                    null);
        }
        if (body instanceof ReturnConfirmed r) {
            return new CaseEvent(
                    ref,
                    event.getCaseId(),
                    EventKind.RETURN_CONFIRMED,
                    r.getRegion(),
                    r.getOccurredOn(),
                    null,
                    null,
                    null);
        }
        ReportRetracted retraction = (ReportRetracted) body;
        return new CaseEvent(
                ref,
                event.getCaseId(),
                EventKind.REPORT_RETRACTED,
                null,
                null,
                null,
                retraction.getRetracts(),
                retraction.getReason());
    }

    /** The ref of the event this retraction withdraws: same agency, by eventId. */
    public EventRef target() {
        return kind == EventKind.REPORT_RETRACTED ? new EventRef(ref.agency(), retracts) : null;
    }

    /** The digest that tells a second copy of this event from a different event under the same id (rule 1). */
    public ContentDigest digest() {
        return ContentDigest.of(this);
    }
}
