package org.reunify.streams.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The accepted events of one case, over all agencies, in the order they were accepted. Immutable: admitting
 * an event gives a new history.
 */
public final class CaseHistory {

    /** Rule 4's "latest": greatest append time, ties broken by the greater (agency, eventId). */
    static final Comparator<CaseEvent> LATEST_LAST =
            Comparator.comparingLong(CaseEvent::reportedAt).thenComparing(CaseEvent::ref);

    private final String caseId;
    private final List<CaseEvent> events;

    public CaseHistory(String caseId, List<CaseEvent> events) {
        this.caseId = Objects.requireNonNull(caseId, "caseId");
        this.events = List.copyOf(events);
    }

    public static CaseHistory empty(String caseId) {
        return new CaseHistory(caseId, List.of());
    }

    public String caseId() {
        return caseId;
    }

    public List<CaseEvent> events() {
        return events;
    }

    /** Rules 1 and 2 at the door: whether the event joins the case. */
    public Admission admit(CaseEvent event) {
        if (!event.caseId().equals(caseId)) {
            throw new IllegalArgumentException("an event of another case");
        }
        CaseEvent seen = find(event.ref());
        if (seen != null) {
            return seen.saysTheSameAs(event) ? Admission.DUPLICATE : Admission.CONFLICTING_DUPLICATE;
        }
        if (event.kind() == EventKind.REPORT_RETRACTED) {
            CaseEvent target = find(event.target());
            if (target != null && target.kind() == EventKind.REPORT_RETRACTED) {
                return Admission.RETRACTS_RETRACTION;
            }
        }
        return Admission.ACCEPTED;
    }

    /** This history with {@code event} accepted; only for an event {@link #admit} accepts. */
    public CaseHistory with(CaseEvent event) {
        List<CaseEvent> longer = new ArrayList<>(events.size() + 1);
        longer.addAll(events);
        longer.add(event);
        return new CaseHistory(caseId, longer);
    }

    /** Rules 2 to 4: where the case counts now. */
    public CaseStanding standing() {
        if (events.isEmpty()) {
            return CaseStanding.NONE;
        }
        Set<EventRef> withdrawn = retractions().keySet();
        CaseEvent latestDeportation = null;
        CaseEvent latestReturn = null;
        Set<String> named = new TreeSet<>();
        long updatedAt = Counts.NEVER;
        for (CaseEvent event : events) {
            updatedAt = Math.max(updatedAt, event.reportedAt());
            if (!event.kind().isReport()) {
                continue;
            }
            named.add(event.region());
            if (withdrawn.contains(event.ref())) {
                continue;
            }
            if (event.kind() == EventKind.DEPORTATION_REPORTED) {
                latestDeportation = later(latestDeportation, event);
            } else {
                latestReturn = later(latestReturn, event);
            }
        }
        CaseEvent decisive = latestDeportation != null ? latestDeportation : latestReturn;
        if (decisive == null) {
            return new CaseStanding(null, null, false, false, Collections.unmodifiableSet(named), updatedAt);
        }
        return new CaseStanding(decisive.region(), decisive.ref(), true, latestReturn != null, Collections.unmodifiableSet(named), updatedAt);
    }

    /**
     * Each retracted event with the first retraction that named it. A retraction only ever names an event of its own
     * agency, and a retraction naming a retraction withdraws nothing, for only reports count.
     */
    public Map<EventRef, EventRef> retractions() {
        Map<EventRef, EventRef> retractions = new HashMap<>();
        for (CaseEvent event : events) {
            if (event.kind() == EventKind.REPORT_RETRACTED) {
                retractions.putIfAbsent(event.target(), event.ref());
            }
        }
        return retractions;
    }

    private CaseEvent find(EventRef ref) {
        for (CaseEvent event : events) {
            if (event.ref().equals(ref)) {
                return event;
            }
        }
        return null;
    }

    private static CaseEvent later(CaseEvent current, CaseEvent candidate) {
        return current == null || LATEST_LAST.compare(candidate, current) > 0 ? candidate : current;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CaseHistory that && caseId.equals(that.caseId) && events.equals(that.events);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caseId, events);
    }

    @Override
    public String toString() {
        return "CaseHistory[" + events.size() + " events]";
    }
}
