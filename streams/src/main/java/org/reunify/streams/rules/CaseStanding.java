package org.reunify.streams.rules;

import java.util.Set;
import org.reunify.schemas.Destinations;
import org.reunify.schemas.TimelineEntry;

/**
 * Where a case counts, derived from its {@link CaseSummary} (or from its records appended by an instant).
 *
 * @param latestDeportation its latest live deportation report (rule 4's order); null when it has none
 * @param latestReturn      its latest live return report; null when it has none
 * @param namedRegions      every region any valid report record of the case names: the tallies this case has shaped
 * @param namedDestinations every destination any valid report record of the case could give it: the destination
 *                          tallies this case has shaped
 * @param updatedAt         the greatest append time among the case's valid records; {@link Counts#NEVER} if none
 */
public record CaseStanding(
        Report latestDeportation,
        Report latestReturn,
        Set<String> namedRegions,
        Set<String> namedDestinations,
        long updatedAt) {

    /** Rule 4: the live report whose region the case counts in; null when it counts nowhere. */
    public Report decidedBy() {
        return latestDeportation != null ? latestDeportation : latestReturn;
    }

    /** The region the case counts in (rule 4); null when it counts nowhere. */
    public String region() {
        Report decisive = decidedBy();
        return decisive == null ? null : decisive.region();
    }

    /** Counted as deported (rule 3). */
    public boolean deported() {
        return decidedBy() != null;
    }

    /** Counted as returned (rule 3). */
    public boolean returned() {
        return latestReturn != null;
    }

    /**
     * Rule 7: the destination the live deportation report deciding the case's region names; {@link
     * Destinations#UNKNOWN_CODE} when that report names none or the region is decided by a return; null when the case
     * counts nowhere.
     */
    public String destination() {
        if (latestDeportation != null) {
            return destinationOf(latestDeportation.destination());
        }
        return latestReturn == null ? null : Destinations.UNKNOWN_CODE;
    }

    /**
     * Rule 8: the month of the deciding report's {@code occurredOn}; {@link TimelineEntry#UNKNOWN_MONTH} when a return
     * decides the region; null when the case counts nowhere.
     */
    public String monthTaken() {
        if (latestDeportation != null) {
            return TimelineEntry.monthOf(latestDeportation.occurredOn());
        }
        return latestReturn == null ? null : TimelineEntry.UNKNOWN_MONTH;
    }

    /** Rule 8: the month of the latest live return's {@code occurredOn}; null when the case is not returned. */
    public String monthReturned() {
        return latestReturn == null ? null : TimelineEntry.monthOf(latestReturn.occurredOn());
    }

    /** The destination a report gives a case it decides: a return's, or a deportation's naming none, is unknown. */
    static String destinationOf(String named) {
        return named == null ? Destinations.UNKNOWN_CODE : named;
    }

    /** What this case adds to the tally of its region and to that of its destination. */
    public Counts contribution() {
        return new Counts(deported() ? 1 : 0, returned() ? 1 : 0, updatedAt);
    }
}
