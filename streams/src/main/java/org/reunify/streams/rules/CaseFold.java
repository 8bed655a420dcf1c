package org.reunify.streams.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Regions;
import org.reunify.schemas.TimelineEntry;

/**
 * The counting rules, applied one record at a time. The stream and the replay both fold every valid record through
 * here; only where the cases' state is kept ({@link CaseStore}) and where the outcome goes differ.
 */
public final class CaseFold {

    private CaseFold() {}

    /** One valid record folded into its case; the store holds the case's state before, and after in place. */
    public static Step apply(CaseStore store, CaseRecord record, CaseLimits limits) {
        CaseEvent event = record.event();
        String caseId = record.caseId();
        String agency = record.agency();
        boolean isRetraction = event.kind() == EventKind.REPORT_RETRACTED;
        long retractionNamed =
                isRetraction ? store.firstRetraction(caseId, agency, event.retracts()) : CaseStore.NO_RETRACTION;

        CaseState state = store.state(caseId);
        DayChanges.Day day = DayChanges.dayOf(record.position().reportedAt());
        // Only a record read after one of its case lying past its own day needs the case as it was (decision #34).
        CaseState unfolded = state.summary().updatedAt() > day.end() ? state.copy() : null;
        AgencyShare share = state.share(agency);
        ShareFold.Result folded =
                ShareFold.fold(share == null ? AgencyShare.EMPTY : share, record, retractionNamed, limits);
        if (folded.changed()) {
            state.putShare(agency, folded.share());
        }
        long reportedAt = record.position().reportedAt();
        if (isRetraction
                && reportedAt
                        < store.firstRetraction(caseId, agency, event.ref().eventId())) {
            store.putRetraction(caseId, agency, event.ref().eventId(), reportedAt);
        }

        CaseSummary before = state.summary();
        CaseSummary after = before.with(record, folded.share().reports(agency));
        if (!after.equals(before)) {
            state.putSummary(after);
        }
        Admission admission = folded.refused() != null
                ? Admission.REFUSED
                : folded.duplicate() ? Admission.DUPLICATE : Admission.ACCEPTED;
        CaseStanding was = before.standing();
        CaseStanding now = after.standing();
        return new Step(
                admission,
                folded.refused(),
                folded.late(),
                changes(was, now),
                DayChanges.of(day, unfolded, state, record, was, now),
                was,
                now);
    }

    /**
     * How the tallies move when a case's standing changes (rules 5 and 6): the case leaves the tally of its old
     * region and joins that of its new one, every tally the case has shaped takes its new {@code updatedAt},
     * and {@code UA} moves by the sum of the regional changes.
     */
    static Map<String, Counts> changes(CaseStanding before, CaseStanding after) {
        if (after.namedRegions().isEmpty()) {
            return new TreeMap<>();
        }
        Map<String, Counts> changes = moves(after.namedRegions(), before.region(), after.region(), before, after);
        Counts national = new Counts(0, 0, after.updatedAt());
        for (Counts change : changes.values()) {
            national = national.plus(change);
        }
        changes.put(Regions.NATIONAL_CODE, national);
        return changes;
    }

    /**
     * How the destination tallies move when a case's standing changes (rule 7), as the regional ones do, so that which
     * tallies a record touches does not depend on the order of reading.
     */
    static Map<String, Counts> destinationChanges(CaseStanding before, CaseStanding after) {
        return moves(after.namedDestinations(), before.destination(), after.destination(), before, after);
    }

    /**
     * The case leaves the tally it counted in ({@code from}) and joins the one it counts in now ({@code to}); every
     * tally it has shaped takes its new {@code updatedAt}.
     */
    private static Map<String, Counts> moves(
            Set<String> shaped, String from, String to, CaseStanding before, CaseStanding after) {
        Map<String, Counts> changes = new TreeMap<>();
        Counts touched = new Counts(0, 0, after.updatedAt());
        shaped.forEach(tally -> changes.put(tally, touched));
        if (from != null) {
            changes.merge(from, before.contribution(), Counts::minus);
        }
        if (to != null) {
            changes.merge(to, after.contribution(), Counts::plus);
        }
        return changes;
    }

    /**
     * How the timeline moves when a case's standing changes (rule 8): the case leaves its region's months taken and
     * returned and joins those it has now, keyed {@code REGION/YYYY-MM}, {@code UA} moving with every region. Counts of
     * taken (as {@code deported}) and returned cases; no {@code updatedAt}.
     */
    static Map<String, Counts> timelineChanges(CaseStanding before, CaseStanding after) {
        Map<String, Counts> changes = new TreeMap<>();
        addMonths(changes, before, -1);
        addMonths(changes, after, 1);
        changes.values().removeIf(Counts.NONE::equals);
        return changes;
    }

    private static void addMonths(Map<String, Counts> changes, CaseStanding standing, int sign) {
        if (!standing.deported()) {
            return;
        }
        for (String region : List.of(standing.region(), Regions.NATIONAL_CODE)) {
            changes.merge(
                    TimelineEntry.key(region, standing.monthTaken()), new Counts(sign, 0, Counts.NEVER), Counts::plus);
            if (standing.returned()) {
                changes.merge(
                        TimelineEntry.key(region, standing.monthReturned()),
                        new Counts(0, sign, Counts.NEVER),
                        Counts::plus);
            }
        }
    }

    /** What the rules make of a record. */
    public enum Admission {
        /** The first record of a new event: part of the case from now on (unless a later read refuses it). */
        ACCEPTED,
        /** A second copy of an event already in the history: ignored (rule 1). */
        DUPLICATE,
        /** Refused, with a reason. */
        REFUSED
    }

    /**
     * @param refused      why the record is refused; null unless {@link Admission#REFUSED}
     * @param lateRefusals records of the same agency and case, read before, that this one shows to be refused
     * @param changes      the tallies to move, by region code and {@code UA}
     * @param days         the daily tallies to move, by Kyiv day, then region code and {@code UA}: each day's change
     *                     moves that day's figures and every later day's
     * @param before       where the case counted before the record
     * @param after        where it counts after it
     */
    public record Step(
            Admission admission,
            Refusal.Refused refused,
            List<LateRefusal> lateRefusals,
            Map<String, Counts> changes,
            SortedMap<LocalDate, Map<String, Counts>> days,
            CaseStanding before,
            CaseStanding after) {

        /** The destination tallies to move, by destination code (rule 7). */
        public Map<String, Counts> destinationChanges() {
            return CaseFold.destinationChanges(before, after);
        }

        /** The timeline to move, by {@code REGION/YYYY-MM} (rule 8). */
        public Map<String, Counts> timelineChanges() {
            return CaseFold.timelineChanges(before, after);
        }

        /**
         * Whether the record is within the limits and not refused: a later read may still refuse it, so the case state
         * keeps where it lies, from which {@code reunification.rejected}'s original bytes can be read back.
         */
        public boolean isHeld() {
            return admission != Admission.REFUSED;
        }
    }
}
