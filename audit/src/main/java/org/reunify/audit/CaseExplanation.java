package org.reunify.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.reunify.streams.rules.AgencyShare;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.CaseStanding;
import org.reunify.streams.rules.EventKind;
import org.reunify.streams.rules.EventRef;

/**
 * Why a case counts where it counts: its records in the history's order, each an event (live, retracted, or a
 * retraction), a copy, or refused with its reason, and the report that decides its region. Pseudonymous ids only, as
 * the events themselves. A record that breaks two rules is shown with the one the whole history gives it (the limits
 * first); the stream wrote it to {@code reunification.rejected} with the one it found first (decision #15).
 *
 * @param region      where the case counts; null if nowhere
 * @param destination where the report deciding its region says the child was taken (rule 7): a country code,
 *                    {@code OCCUPIED} or {@code UNKNOWN}; null if the case counts nowhere
 * @param deported counted as deported
 * @param returned counted as returned
 */
public record CaseExplanation(
        String caseId, String region, String destination, boolean deported, boolean returned, List<Line> events) {

    /**
     * One record of the case.
     *
     * @param region        the region a report names; null for a retraction
     * @param occurredOn    the day a report says it happened; null for a retraction
     * @param status        {@code live}, {@code retracted by AGENCY/EVENT}, {@code retracts AGENCY/EVENT},
     *                      {@code copy, ignored} or {@code refused CODE}
     * @param decidesRegion whether this is the report whose region the case counts in (rule 4)
     */
    public record Line(
            String agency,
            String eventId,
            EventKind type,
            Instant reportedAt,
            String region,
            LocalDate occurredOn,
            String status,
            boolean decidesRegion) {}

    /**
     * @param records every valid record of the case
     * @param shares  each agency's share of the case after all of them
     */
    static CaseExplanation of(
            String caseId, CaseStanding standing, List<CaseRecord> records, Map<String, AgencyShare> shares) {
        List<CaseRecord> ordered = new ArrayList<>(records);
        ordered.sort(
                Comparator.comparing((CaseRecord record) -> record.position().reportedAt())
                        .thenComparing(CaseRecord::agency)
                        .thenComparing(CaseRecord::position));
        List<Line> lines = new ArrayList<>();
        for (CaseRecord record : ordered) {
            AgencyShare share = shares.get(record.agency());
            String status = status(record, share);
            boolean decides = standing.decidedBy() != null
                    && status.equals("live")
                    && record.event().ref().equals(standing.decidedBy().ref());
            boolean report = record.event().kind().isReport();
            lines.add(new Line(
                    record.agency(),
                    record.event().ref().eventId(),
                    record.event().kind(),
                    Instant.ofEpochMilli(record.position().reportedAt()),
                    report ? record.event().region() : null,
                    report ? record.event().occurredOn() : null,
                    status,
                    decides));
        }
        return new CaseExplanation(
                caseId, standing.region(), standing.destination(), standing.deported(), standing.returned(), lines);
    }

    private static String status(CaseRecord record, AgencyShare share) {
        String eventId = record.event().ref().eventId();
        AgencyShare.Slot slot = share.slots().stream()
                .filter(s -> s.eventId().equals(eventId))
                .findFirst()
                .orElse(null);
        AgencyShare.Kept kept = slot == null
                ? null
                : slot.kept().stream()
                        .filter(k -> k.position().equals(record.position()))
                        .findFirst()
                        .orElse(null);
        if (kept == null) {
            return "refused CASE_LIMIT";
        }
        if (!kept.counts()) {
            return "refused " + kept.refusal().name();
        }
        if (!kept.position().equals(slot.earliest())) {
            return "copy, ignored";
        }
        if (record.event().kind() == EventKind.REPORT_RETRACTED) {
            return "retracts " + record.event().target();
        }
        return share.slots().stream()
                .filter(other -> other.isAccepted()
                        && other.head().kind() == EventKind.REPORT_RETRACTED
                        && eventId.equals(other.head().retracts()))
                .findFirst()
                .map(retraction -> "retracted by " + new EventRef(record.agency(), retraction.eventId()))
                .orElse("live");
    }
}
