package org.reunify.streams.rules;

import java.util.Set;
import org.reunify.schemas.Destinations;

/**
 * Where a case counts, derived from its {@link CaseSummary}.
 *
 * @param region        the region the case counts in (rule 4); null when it counts nowhere
 * @param decidedBy     the live report whose region that is; null when the case counts nowhere
 * @param deported      counted as deported (rule 3)
 * @param returned      counted as returned (rule 3)
 * @param namedRegions  every region any valid report record of the case names: the tallies this case has shaped
 * @param namedDestinations every destination any valid report record of the case could give it: the destination
 *                      tallies this case has shaped
 * @param updatedAt     the greatest append time among the case's valid records; {@link Counts#NEVER} if none
 */
public record CaseStanding(
        String region,
        Report decidedBy,
        boolean deported,
        boolean returned,
        Set<String> namedRegions,
        Set<String> namedDestinations,
        long updatedAt) {

    /**
     * Rule 7: the destination the live deportation report deciding the case's region names; {@link
     * Destinations#UNKNOWN_CODE} when that report names none or the region is decided by a return; null when the case
     * counts nowhere.
     */
    public String destination() {
        return decidedBy == null ? null : destinationOf(decidedBy.destination());
    }

    /** The destination a report gives a case it decides: a return's, or a deportation's naming none, is unknown. */
    static String destinationOf(String named) {
        return named == null ? Destinations.UNKNOWN_CODE : named;
    }

    /** What this case adds to the tally of its region and to that of its destination. */
    public Counts contribution() {
        return new Counts(deported ? 1 : 0, returned ? 1 : 0, updatedAt);
    }
}
