package org.reunify.streams.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ListIterator;
import org.reunify.schemas.Refusal;
import org.reunify.streams.rules.AgencyShare.Kept;

/**
 * Rules 1 and 2 and the limits, for one agency's records about one case, decided so that the outcome depends only on
 * the set of records and their positions, never on the order they are read in:
 *
 * <ul>
 *   <li>{@code CASE_LIMIT}: a record before which {@code eventsPerAgency} other eventIds of the agency appeared, or
 *       {@code recordsPerEvent} records of its own eventId;</li>
 *   <li>{@code CONFLICTING_DUPLICATE}: a record before which a record of its eventId said something else;</li>
 *   <li>{@code RETRACTS_RETRACTION}: a retraction naming an eventId under which the agency sent a retraction;</li>
 *   <li>otherwise the first record of its eventId is the event, and any later one a copy, ignored.</li>
 * </ul>
 *
 * Each condition, once it holds for a record, holds whatever is read later. So a record read early may become refused
 * when an earlier-lying one is read ({@link LateRefusal}), and none ever becomes accepted again. A record that meets
 * several conditions keeps the reason it was first refused for (decision #15).
 */
final class ShareFold {

    private final CaseLimits limits;
    private final String agency;
    private final List<WorkSlot> slots = new ArrayList<>();
    private final List<LateRefusal> late = new ArrayList<>();

    private ShareFold(AgencyShare share, String agency, CaseLimits limits) {
        this.limits = limits;
        this.agency = agency;
        share.slots().forEach(slot -> slots.add(new WorkSlot(slot)));
    }

    /**
     * @param retractionNamed for a retraction, the append time of the first retraction record the agency sent about the
     *                        case under the eventId it names; {@link CaseStore#NO_RETRACTION} if none was read, or
     *                        the record is no retraction
     */
    static Result fold(AgencyShare share, CaseRecord record, long retractionNamed, CaseLimits limits) {
        return new ShareFold(share, record.agency(), limits).fold(share, record, retractionNamed);
    }

    /**
     * @param refused   why this record is refused; null when it is the event or a copy
     * @param duplicate whether it is a copy of an event already in the history (and not refused)
     * @param changed   whether the share differs from the one folded into
     */
    record Result(
            Refusal.Refused refused, boolean duplicate, List<LateRefusal> late, AgencyShare share, boolean changed) {}

    private Result fold(AgencyShare before, CaseRecord record, long retractionNamed) {
        CaseEvent event = record.event();
        Position position = record.position();
        ContentDigest digest = event.digest();
        WorkSlot own = slot(event.ref().eventId());

        Refusal.Refused refused = null;
        long refusedFrom = position.reportedAt();
        boolean duplicate = false;
        if (otherEventIdsBefore(own, position) >= limits.eventsPerAgency()) {
            refused = beyondEvents();
        } else {
            List<Kept> earlier = own == null ? List.of() : own.keptBefore(position);
            if (earlier.size() >= limits.recordsPerEvent()) {
                refused = beyondRecords(event.ref());
            } else if (earlier.stream().anyMatch(kept -> !kept.digest().equals(digest))) {
                refused =
                        Refusal.CONFLICTING_DUPLICATE.because(event.ref() + " was sent earlier with different content");
            } else if (retractionNamed != CaseStore.NO_RETRACTION) {
                refused = retractsRetraction(event.target());
                // Until the retraction it names was appended, the history counted this one.
                refusedFrom = Math.max(refusedFrom, retractionNamed);
            } else {
                duplicate = !earlier.isEmpty();
            }
        }

        if (own == null) {
            own = new WorkSlot(event.ref().eventId(), position);
            slots.add(own);
        } else if (position.isBefore(own.earliest)) {
            own.earliest = position;
        }
        if (refused == null || refused.code() != Refusal.CASE_LIMIT) {
            Refusal code = refused == null ? null : refused.code();
            own.keep(new Kept(position, digest, code, code == null ? 0 : refusedFrom), event);
        }
        slots.sort(Comparator.comparing((WorkSlot slot) -> slot.earliest));
        settle(own, position, digest, event);
        AgencyShare after = share();
        return new Result(refused, duplicate, List.copyOf(late), after, !after.equals(before));
    }

    /** What the record just placed changes for the records read before it. */
    private void settle(WorkSlot own, Position position, ContentDigest digest, CaseEvent event) {
        for (int index = 0; index < slots.size(); index++) {
            WorkSlot slot = slots.get(index);
            if (index >= limits.eventsPerAgency()) {
                slot.refuseEveryKept(beyondEvents());
                continue;
            }
            ListIterator<Kept> records = slot.kept.listIterator();
            while (records.hasNext()) {
                int rank = records.nextIndex();
                Kept kept = records.next();
                boolean isThisRecord = slot == own && kept.position().equals(position);
                if (rank >= limits.recordsPerEvent()
                        || otherEventIdsBefore(slot, kept.position()) >= limits.eventsPerAgency()) {
                    if (kept.counts() && !isThisRecord) {
                        refuseLate(
                                kept,
                                rank >= limits.recordsPerEvent()
                                        ? beyondRecords(new EventRef(agency, slot.eventId))
                                        : beyondEvents(),
                                kept.position().reportedAt());
                    }
                    records.remove();
                } else if (!isThisRecord
                        && slot == own
                        && position.isBefore(kept.position())
                        && !kept.digest().equals(digest)) {
                    if (kept.counts()) {
                        records.set(refuseLate(
                                kept,
                                Refusal.CONFLICTING_DUPLICATE.because(new EventRef(agency, slot.eventId)
                                        + " was sent earlier with different content"),
                                kept.position().reportedAt()));
                    } else {
                        // Refused already, for waiting on a retraction; from now on also from its own time.
                        records.set(refusedFrom(kept, kept.position().reportedAt()));
                    }
                } else if (event.kind() == EventKind.REPORT_RETRACTED
                        && slot.retracts(event.ref().eventId())) {
                    long from = Math.max(kept.position().reportedAt(), position.reportedAt());
                    if (kept.counts()) {
                        records.set(refuseLate(
                                kept,
                                retractsRetraction(
                                        new EventRef(agency, event.ref().eventId())),
                                from));
                    } else {
                        records.set(refusedFrom(kept, from));
                    }
                }
            }
        }
        while (slots.size() > limits.eventsPerAgency() + 1) {
            slots.remove(slots.size() - 1);
        }
    }

    private Kept refuseLate(Kept kept, Refusal.Refused refused, long from) {
        late.add(new LateRefusal(kept.position(), refused));
        return new Kept(kept.position(), kept.digest(), refused.code(), from);
    }

    /** A refused record refused from {@code from} on, if that is earlier than the history refused it so far. */
    private static Kept refusedFrom(Kept kept, long from) {
        return from < kept.refusedFrom() ? new Kept(kept.position(), kept.digest(), kept.refusal(), from) : kept;
    }

    /** How many other eventIds of the agency have a record lying before {@code position}. */
    private int otherEventIdsBefore(WorkSlot own, Position position) {
        int before = 0;
        for (WorkSlot slot : slots) {
            if (slot != own && slot.earliest.isBefore(position)) {
                before++;
            }
        }
        return before;
    }

    private WorkSlot slot(String eventId) {
        for (WorkSlot slot : slots) {
            if (slot.eventId.equals(eventId)) {
                return slot;
            }
        }
        return null;
    }

    private Refusal.Refused beyondEvents() {
        return Refusal.CASE_LIMIT.because(limits.eventsPerAgency() + " other events of agency " + agency
                + " about this case lie before it, the most its history holds");
    }

    private Refusal.Refused beyondRecords(EventRef ref) {
        return Refusal.CASE_LIMIT.because(limits.recordsPerEvent() + " records of " + ref
                + " lie before it, copies included, the most its history holds");
    }

    private static Refusal.Refused retractsRetraction(EventRef target) {
        return Refusal.RETRACTS_RETRACTION.because(target + " is a retraction, and a retraction cannot be retracted");
    }

    private AgencyShare share() {
        List<AgencyShare.Slot> result = new ArrayList<>(slots.size());
        slots.forEach(slot -> result.add(slot.freeze()));
        return new AgencyShare(result);
    }

    /** A slot while it is being changed. */
    private final class WorkSlot {
        final String eventId;
        Position earliest;
        AgencyShare.Head head;
        final List<Kept> kept;

        WorkSlot(AgencyShare.Slot slot) {
            this.eventId = slot.eventId();
            this.earliest = slot.earliest();
            this.head = slot.head();
            this.kept = new ArrayList<>(slot.kept());
        }

        WorkSlot(String eventId, Position earliest) {
            this.eventId = eventId;
            this.earliest = earliest;
            this.kept = new ArrayList<>(1);
        }

        List<Kept> keptBefore(Position position) {
            List<Kept> before = new ArrayList<>(kept.size());
            for (Kept record : kept) {
                if (record.position().isBefore(position)) {
                    before.add(record);
                }
            }
            return before;
        }

        void keep(Kept record, CaseEvent event) {
            int at = 0;
            while (at < kept.size() && kept.get(at).position().isBefore(record.position())) {
                at++;
            }
            kept.add(at, record);
            if (at == 0) {
                head = AgencyShare.Head.of(event);
            }
        }

        /** Whether this eventId's event, if it is one, is a retraction naming {@code eventId}. */
        boolean retracts(String target) {
            return head != null && head.kind() == EventKind.REPORT_RETRACTED && target.equals(head.retracts());
        }

        /**
         * The eventId lies beyond the limit: every record of it does, and nothing of it but where it appeared is kept.
         */
        void refuseEveryKept(Refusal.Refused refused) {
            for (Kept record : kept) {
                if (record.counts()) {
                    late.add(new LateRefusal(record.position(), refused));
                }
            }
            kept.clear();
            head = null;
        }

        AgencyShare.Slot freeze() {
            return new AgencyShare.Slot(eventId, earliest, head, kept);
        }
    }
}
