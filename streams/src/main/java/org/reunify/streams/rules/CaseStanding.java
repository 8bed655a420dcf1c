package org.reunify.streams.rules;

import java.util.Set;

/**
 * Where a case counts, derived from its accepted events.
 *
 * @param region        the region the case counts in (rule 4); null when it counts nowhere
 * @param decidedBy     the live report whose region that is; null when the case counts nowhere
 * @param deported      counted as deported (rule 3)
 * @param returned      counted as returned (rule 3)
 * @param namedRegions  every region any accepted report of the case names, live or retracted: the tallies this
 *                      case has shaped, whose {@code updatedAt} its events move
 * @param updatedAt     the greatest append time among the case's accepted events; {@link Counts#NEVER} if none
 */
public record CaseStanding(String region, EventRef decidedBy, boolean deported, boolean returned, Set<String> namedRegions, long updatedAt) {

    public static final CaseStanding NONE = new CaseStanding(null, null, false, false, Set.of(), Counts.NEVER);

    /** What this case adds to the tally of its region. */
    public Counts contribution() {
        return new Counts(deported ? 1 : 0, returned ? 1 : 0, updatedAt);
    }
}
