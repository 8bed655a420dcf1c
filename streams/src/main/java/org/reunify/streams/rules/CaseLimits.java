package org.reunify.streams.rules;

/**
 * How much of one agency's input about one case the history holds (docs/DESIGN.md "Limits"), so that no agency can
 * crowd another out of a case, nor make counting one event cost more the longer its case's history grows. A record
 * beyond either limit is refused {@code CASE_LIMIT}; which records those are follows from the history's order alone.
 *
 * @param eventsPerAgency  distinct eventIds of one agency about one case: a record is beyond the limit when this many
 *                         other eventIds of the agency about the case were sent before it
 * @param recordsPerEvent  records under one (agency, case, eventId), copies and conflicting versions included: a record
 *                         is beyond the limit when this many records of its eventId were sent before it
 */
public record CaseLimits(int eventsPerAgency, int recordsPerEvent) {

    /** A real case has a handful of reports per agency, and an event a copy or two after a re-run of the publisher. */
    public static final CaseLimits DEFAULT = new CaseLimits(32, 16);

    public CaseLimits {
        if (eventsPerAgency < 1 || recordsPerEvent < 1) {
            throw new IllegalArgumentException("case limits must be at least 1");
        }
    }
}
