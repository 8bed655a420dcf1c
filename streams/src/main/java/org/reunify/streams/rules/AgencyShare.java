package org.reunify.streams.rules;

import java.time.LocalDate;
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
            return isAcceptedAsOf(Long.MAX_VALUE);
        }

        /**
         * Whether the event was part of the case as of {@code time}: its first record appended by then and not refused
         * by then. Every refusal but {@code RETRACTS_RETRACTION} follows from records lying before the record, so it
         * holds from the record's own append time; that one from the later retraction it can wait for.
         */
        boolean isAcceptedAsOf(long time) {
            return head != null
                    && !kept.isEmpty()
                    && kept.get(0).position().reportedAt() <= time
                    && kept.get(0).countsAsOf(time);
        }
    }

    /** What the first record of an eventId says, as far as counting needs it. */
    public record Head(EventKind kind, String region, String destination, LocalDate occurredOn, String retracts) {

        static Head of(CaseEvent event) {
            return new Head(event.kind(), event.region(), event.destination(), event.occurredOn(), event.retracts());
        }
    }

    /**
     * A record of the eventId within the limits.
     *
     * @param refusal     null for the head of an accepted event or a copy of it; otherwise why it is refused
     * @param refusedFrom the append time from which the history refuses it: its own, but for a {@code
     *                    RETRACTS_RETRACTION} that only a later-lying retraction decides; ignored when it counts
     */
    public record Kept(Position position, ContentDigest digest, Refusal refusal, long refusedFrom) {

        public boolean counts() {
            return refusal == null;
        }

        boolean countsAsOf(long time) {
            return refusal == null || refusedFrom > time;
        }
    }

    /**
     * The agency's live reports about the case (rules 2 to 4): its accepted deportations and returns that none of its
     * accepted retractions names, the latest of each kind.
     */
    public AgencyReports reports(String agency) {
        return reportsAsOf(agency, Long.MAX_VALUE);
    }

    /** The agency's live reports as the history stood at {@code time}: of its records appended by then. */
    AgencyReports reportsAsOf(String agency, long time) {
        Set<String> withdrawn = new HashSet<>();
        List<Slot> reports = new ArrayList<>();
        for (Slot slot : slots) {
            if (!slot.isAcceptedAsOf(time)) {
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
                    slot.head().destination(),
                    slot.head().occurredOn());
            if (slot.head().kind() == EventKind.DEPORTATION_REPORTED) {
                deportation = Report.later(deportation, report);
            } else {
                returned = Report.later(returned, report);
            }
        }
        return new AgencyReports(agency, deportation, returned);
    }
}
