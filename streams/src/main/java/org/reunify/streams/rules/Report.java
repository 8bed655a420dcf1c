package org.reunify.streams.rules;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * A live deportation or return report, as rules 3, 4, 7 and 8 weigh it.
 *
 * @param reportedAt the append time of its first record
 * @param destination null unless a deportation names one
 * @param occurredOn when the report says the child was taken, or returned
 */
public record Report(EventRef ref, long reportedAt, String region, String destination, LocalDate occurredOn) {

    /** Rule 4's "latest": greatest append time, ties broken by the greater (agency, eventId). */
    static final Comparator<Report> LATEST_LAST =
            Comparator.comparingLong(Report::reportedAt).thenComparing(Report::ref);

    static Report later(Report current, Report candidate) {
        if (candidate == null) {
            return current;
        }
        return current == null || LATEST_LAST.compare(candidate, current) > 0 ? candidate : current;
    }
}
