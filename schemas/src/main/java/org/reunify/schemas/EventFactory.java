package org.reunify.schemas;

import java.time.LocalDate;
import org.reunify.schemas.avro.DeportationReported;
import org.reunify.schemas.avro.ReportRetracted;
import org.reunify.schemas.avro.ReturnConfirmed;
import org.reunify.schemas.avro.ReunificationEvent;

/** Builds the events one agency publishes through one program. Builds only: {@link EventRules} judges them. */
public record EventFactory(String agency, String publisher) {

    public ReunificationEvent deportation(
            String eventId, String caseId, String region, LocalDate occurredOn, String destination) {
        return event(eventId, caseId, new DeportationReported(region, occurredOn, destination));
    }

    public ReunificationEvent returned(String eventId, String caseId, String region, LocalDate occurredOn) {
        return event(eventId, caseId, new ReturnConfirmed(region, occurredOn));
    }

    public ReunificationEvent retraction(String eventId, String caseId, String retracts, String reason) {
        return event(eventId, caseId, new ReportRetracted(retracts, reason));
    }

    private ReunificationEvent event(String eventId, String caseId, Object body) {
        return ReunificationEvent.newBuilder()
                .setAgency(agency)
                .setEventId(eventId)
                .setCaseId(caseId)
                .setPublisher(publisher)
                .setBody(body)
                .build();
    }
}
