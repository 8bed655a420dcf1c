package org.reunify.streams.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What decides where one case counts, kept per case: each agency's latest live reports, every region any valid record
 * of the case names, and the latest append time of its valid records. Its size grows with the number of agencies
 * reporting the case, never with the length of the case's history.
 *
 * @param updatedAt     the greatest append time among the case's records that passed screening; {@link Counts#NEVER}
 *                      if none
 * @param namedRegions  every region a deportation or return record of the case names, whatever became of the record:
 *                      the tallies whose {@code updatedAt} its records move (decision #2)
 * @param namedDestinations likewise for rule 7: every destination such a record could give the case ({@code UNKNOWN}
 *                      for a return or a deportation naming none), the destination tallies its records move
 * @param agencies      the agencies with a live report of the case, by agency id
 */
public record CaseSummary(
        long updatedAt,
        SortedSet<String> namedRegions,
        SortedSet<String> namedDestinations,
        List<AgencyReports> agencies) {

    public static final CaseSummary EMPTY = new CaseSummary(Counts.NEVER, new TreeSet<>(), new TreeSet<>(), List.of());

    public CaseSummary {
        namedRegions = Collections.unmodifiableSortedSet(new TreeSet<>(namedRegions));
        namedDestinations = Collections.unmodifiableSortedSet(new TreeSet<>(namedDestinations));
        agencies = List.copyOf(agencies);
    }

    /** This summary with one more record of the case, and its agency's reports as they now stand. */
    CaseSummary with(CaseRecord record, AgencyReports reports) {
        SortedSet<String> regions = new TreeSet<>(namedRegions);
        SortedSet<String> destinations = new TreeSet<>(namedDestinations);
        if (record.event().kind().isReport()) {
            regions.add(record.event().region());
            destinations.add(CaseStanding.destinationOf(record.event().destination()));
        }
        List<AgencyReports> updated = new ArrayList<>(agencies.size() + 1);
        for (AgencyReports other : agencies) {
            if (!other.agency().equals(reports.agency())) {
                updated.add(other);
            }
        }
        if (!reports.isEmpty()) {
            updated.add(reports);
            updated.sort(Comparator.comparing(AgencyReports::agency));
        }
        return new CaseSummary(Math.max(updatedAt, record.position().reportedAt()), regions, destinations, updated);
    }

    /** Rules 3, 4, 7 and 8: where the case counts now. */
    public CaseStanding standing() {
        Report latestDeportation = null;
        Report latestReturn = null;
        for (AgencyReports agency : agencies) {
            latestDeportation = Report.later(latestDeportation, agency.latestDeportation());
            latestReturn = Report.later(latestReturn, agency.latestReturn());
        }
        return new CaseStanding(latestDeportation, latestReturn, namedRegions, namedDestinations, updatedAt);
    }
}
