package org.reunify.streams.rules;

import java.time.LocalDate;
import java.util.Objects;

import org.reunify.schemas.avro.DeportationReported;
import org.reunify.schemas.avro.ReportRetracted;
import org.reunify.schemas.avro.ReturnConfirmed;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * An event as the counting rules see it: what the agency said about the case, and when the broker appended it.
 *
 * @param region      the reported region; null for a retraction
 * @param occurredOn  null for a retraction
 * @param destination null unless a deportation names one
 * @param retracts    the eventId a retraction withdraws; null otherwise
 * @param reason      a retraction's reason; null otherwise
 * @param reportedAt  the broker's append time, in epoch milliseconds
 */
public record CaseEvent(EventRef ref, String caseId, EventKind kind, String region, LocalDate occurredOn,
                        String destination, String retracts, String reason, long reportedAt) {

    public CaseEvent {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(kind, "kind");
    }

    /** The event a validated Avro record carries, appended at {@code reportedAt}. */
    public static CaseEvent of(ReunificationEvent event, long reportedAt) {
        EventRef ref = new EventRef(event.getAgency(), event.getEventId());
        Object body = event.getBody();
        if (body instanceof DeportationReported d) {
            return new CaseEvent(ref, event.getCaseId(), EventKind.DEPORTATION_REPORTED, d.getRegion(), d.getOccurredOn(),
                    d.getDestination(), null, null, reportedAt);
        }
        if (body instanceof ReturnConfirmed r) {
            return new CaseEvent(ref, event.getCaseId(), EventKind.RETURN_CONFIRMED, r.getRegion(), r.getOccurredOn(),
                    null, null, null, reportedAt);
        }
        ReportRetracted retraction = (ReportRetracted) body;
        return new CaseEvent(ref, event.getCaseId(), EventKind.REPORT_RETRACTED, null, null, null,
                retraction.getRetracts(), retraction.getReason(), reportedAt);
    }

    /** The ref of the event this retraction withdraws: same agency, by eventId. */
    public EventRef target() {
        return kind == EventKind.REPORT_RETRACTED ? new EventRef(ref.agency(), retracts) : null;
    }

    /**
     * Whether {@code other} says the same thing: a second copy of this event rather than a different event
     * under the same id. The append time is not part of what was said, so a re-delivery is a copy.
     */
    public boolean saysTheSameAs(CaseEvent other) {
        return ref.equals(other.ref) && caseId.equals(other.caseId) && kind == other.kind
                && Objects.equals(region, other.region) && Objects.equals(occurredOn, other.occurredOn)
                && Objects.equals(destination, other.destination) && Objects.equals(retracts, other.retracts)
                && Objects.equals(reason, other.reason);
    }
}
