package org.reunify.streams.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.reunify.schemas.Refusal;

/**
 * One agency's records about one case, as far as the rules need them: the eventIds it has sent, ordered by their
 * earliest record, and for each the records within {@link CaseLimits}. No free text and no bytes: the agency's topic
 * keeps those. Immutable; {@link ShareFold} makes the next one.
 *
 * @param slots at most {@code eventsPerAgency + 1}, by earliest record; the last one past the limit keeps only where
 * its eventId first appeared, which is what decides whether the agency's later records lie beyond the limit
 */
public record AgencyShare(List<Slot> slots) {

    public static final AgencyShare EMPTY = new AgencyShare(List.of());

    public AgencyShare {
        slots = List.copyOf(slots);
    }

    /**
     * One eventId of the agency about the case.
     *
     * @param earliest where its first record lies
     * @param head     what that first record says; null when the eventId lies beyond the limit and nothing of it is
     * kept
     * @param kept     its records within the limits, by position; the first is the head's
     */
    public record Slot(String eventId, Position earliest, Head head, List<Kept> kept) {

        public Slot {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(earliest, "earliest");
            kept = List.copyOf(kept);
        }

        /** Whether the event is part of the case: its first record within the limits and not refused. */
        public boolean isAccepted() {
            return head != null && !kept.isEmpty() && kept.get(0).counts();
        }
    }

    /** What the first record of an eventId says, as far as counting needs it. */
    public record Head(EventKind kind, String region, String destination, String retracts) {

        static Head of(CaseEvent event) {
            return new Head(event.kind(), event.region(), event.destination(), event.retracts());
        }
    }

    /**
     * A record of the eventId within the limits.
     *
     * @param refusal null for the head of an accepted event or a copy of it; otherwise why it is refused
     */
    public record Kept(Position position, ContentDigest digest, Refusal refusal) {

        public boolean counts() {
            return refusal == null;
        }
    }

    /**
     * The agency's live reports about the case (rules 2 to 4): its accepted deportations and returns that none of its
     * accepted retractions names, the latest of each kind.
     */
    public AgencyReports reports(String agency) {
        Set<String> withdrawn = new HashSet<>();
        List<Slot> reports = new ArrayList<>();
        for (Slot slot : slots) {
            if (!slot.isAccepted()) {
                continue;
            }
            if (slot.head().kind() == EventKind.REPORT_RETRACTED) {
                withdrawn.add(slot.head().retracts());
            } else {
                reports.add(slot);
            }
        }
        Report deportation = null;
        Report returned = null;
        for (Slot slot : reports) {
            if (withdrawn.contains(slot.eventId())) {
                continue;
            }
            Report report = new Report(
                    new EventRef(agency, slot.eventId()),
                    slot.earliest().reportedAt(),
                    slot.head().region(),
                    slot.head().destination());
            if (slot.head().kind() == EventKind.DEPORTATION_REPORTED) {
                deportation = Report.later(deportation, report);
            } else {
                returned = Report.later(returned, report);
            }
        }
        return new AgencyReports(agency, deportation, returned);
    }
}
