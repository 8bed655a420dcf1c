package org.reunify.streams.rules;

import java.util.Set;

/**
 * Where a case counts, derived from its {@link CaseSummary}.
 *
 * @param region        the region the case counts in (rule 4); null when it counts nowhere
 * @param decidedBy     the live report whose region that is; null when the case counts nowhere
 * @param deported      counted as deported (rule 3)
 * @param returned      counted as returned (rule 3)
 * @param namedRegions  every region any valid report record of the case names: the tallies this case has shaped
 * @param updatedAt     the greatest append time among the case's valid records; {@link Counts#NEVER} if none
 */
public record CaseStanding(
        String region, Report decidedBy, boolean deported, boolean returned, Set<String> namedRegions, long updatedAt) {

    /** What this case adds to the tally of its region. */
    public Counts contribution() {
        return new Counts(deported ? 1 : 0, returned ? 1 : 0, updatedAt);
    }
}
