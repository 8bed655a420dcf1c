package org.reunify.streams.rules;

/**
 * One agency's latest live reports about a case.
 *
 * @param latestDeportation null when the agency has no live deportation report of the case
 * @param latestReturn      null when it has no live return report
 */
public record AgencyReports(String agency, Report latestDeportation, Report latestReturn) {

    public boolean isEmpty() {
        return latestDeportation == null && latestReturn == null;
    }
}
