package org.reunify.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseHistory;
import org.reunify.streams.rules.CaseStanding;
import org.reunify.streams.rules.EventKind;
import org.reunify.streams.rules.EventRef;

/**
 * Why a case counts where it counts: its accepted events, each live or retracted, and the one that decides its
 * region. Pseudonymous ids only, as the events themselves.
 *
 * @param region   where the case counts; null if nowhere
 * @param deported counted as deported
 * @param returned counted as returned
 */
public record CaseExplanation(String caseId, String region, boolean deported, boolean returned, List<Line> events) {

    /**
     * One accepted event.
     *
     * @param region        the region a report names; null for a retraction
     * @param occurredOn    the day a report says it happened; null for a retraction
     * @param status        {@code live}, {@code retracted by AGENCY:EVENT} or, for a retraction, {@code retracts AGENCY:EVENT}
     * @param decidesRegion whether this is the report whose region the case counts in (rule 4)
     */
    public record Line(String agency, String eventId, EventKind type, Instant reportedAt, String region, LocalDate occurredOn, String status,
                       boolean decidesRegion) {
    }

    public static CaseExplanation of(CaseHistory history) {
        CaseStanding standing = history.standing();
        Map<EventRef, EventRef> retractions = history.retractions();
        List<Line> lines = new ArrayList<>();
        for (CaseEvent event : history.events()) {
            lines.add(new Line(event.ref().agency(), event.ref().eventId(), event.kind(), Instant.ofEpochMilli(event.reportedAt()),
                    event.kind().isReport() ? event.region() : null, event.kind().isReport() ? event.occurredOn() : null,
                    status(event, retractions),
                    event.ref().equals(standing.decidedBy())));
        }
        // Stable: events appended in the same millisecond keep the order their topic gave them.
        lines.sort(Comparator.comparing(Line::reportedAt));
        return new CaseExplanation(history.caseId(), standing.region(), standing.deported(), standing.returned(), lines);
    }

    private static String status(CaseEvent event, Map<EventRef, EventRef> retractions) {
        if (event.kind() == EventKind.REPORT_RETRACTED) {
            return "retracts " + event.target();
        }
        EventRef retraction = retractions.get(event.ref());
        return retraction == null ? "live" : "retracted by " + retraction;
    }
}
