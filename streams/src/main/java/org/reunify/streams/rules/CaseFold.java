package org.reunify.streams.rules;

import java.util.Map;
import java.util.TreeMap;

import org.reunify.schemas.Regions;

/**
 * The counting rules, applied one event at a time. The stream and the replay both fold every event through
 * here; only where the histories are kept and where the changes go differ.
 */
public final class CaseFold {

    private CaseFold() {
    }

    /**
     * One event folded into its case.
     *
     * @param history the case's history so far; null for a case never seen
     */
    public static Step apply(CaseHistory history, CaseEvent event) {
        CaseHistory before = history != null ? history : CaseHistory.empty(event.caseId());
        Admission admission = before.admit(event);
        if (admission != Admission.ACCEPTED) {
            return new Step(admission, before, Map.of());
        }
        CaseHistory after = before.with(event);
        return new Step(admission, after, changes(before.standing(), after.standing()));
    }

    /**
     * How the tallies move when a case's standing changes (rules 5 and 6): the case leaves the tally of its old
     * region and joins that of its new one, every tally the case has shaped takes its new {@code updatedAt},
     * and {@code UA} moves by the sum of the regional changes.
     */
    static Map<String, Counts> changes(CaseStanding before, CaseStanding after) {
        Map<String, Counts> changes = new TreeMap<>();
        if (after.namedRegions().isEmpty()) {
            return changes;
        }
        Counts touched = new Counts(0, 0, after.updatedAt());
        after.namedRegions().forEach(region -> changes.put(region, touched));
        if (before.region() != null) {
            changes.merge(before.region(), before.contribution(), Counts::minus);
        }
        if (after.region() != null) {
            changes.merge(after.region(), after.contribution(), Counts::plus);
        }
        Counts national = new Counts(0, 0, after.updatedAt());
        for (Counts change : changes.values()) {
            national = national.plus(change);
        }
        changes.put(Regions.NATIONAL_CODE, national);
        return changes;
    }

    /**
     * @param history the case's history after the event: unchanged unless the event was accepted
     * @param changes the tallies to move, by region code and {@code UA}; empty unless the event was accepted
     */
    public record Step(Admission admission, CaseHistory history, Map<String, Counts> changes) {
    }
}
