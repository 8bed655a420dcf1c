package org.reunify.dashboard.disclosure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;

/**
 * Rule 8's timeline as a public output publishes it. Without suppression, every entry as it is. With suppression,
 * only the nation's (decision #35): each measure is a table of months whose total is the national figure (every
 * counted case has one month taken, every returned one a month returned), suppressed as the destinations are, so
 * that the exact national figure less the shown months gives no hidden month back; a table that could only be
 * published by hiding its total shows no month at all. A region's months would add up to its tally and each month's
 * regions to the nation's month: a table in two directions, which no suppression here protects.
 */
public final class TimelineTables {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One month as published: its counts, each perhaps hidden or withheld. */
    public record PublishedMonth(String month, PublishedCount taken, PublishedCount returned) {

        public ObjectNode toNode() {
            ObjectNode node = JSON.createObjectNode();
            node.put("region", Regions.NATIONAL_CODE);
            node.put("name", Regions.byCode(Regions.NATIONAL_CODE).orElseThrow().nameEn());
            node.put("month", month);
            taken.putInto(node, "taken");
            returned.putInto(node, "returned");
            return node;
        }
    }

    private TimelineTables() {}

    /**
     * The nation's months, by month, suppressed as configured.
     *
     * @param national the {@code UA} entries of the timeline, by month
     */
    public static List<PublishedMonth> national(List<TimelineEntry> national, SuppressedTable table) {
        List<PublishedCount> taken = measure(national, TimelineEntry::taken, table);
        List<PublishedCount> returned = measure(national, TimelineEntry::returned, table);
        List<PublishedMonth> months = new ArrayList<>();
        for (int i = 0; i < national.size(); i++) {
            months.add(new PublishedMonth(national.get(i).month(), taken.get(i), returned.get(i)));
        }
        return months;
    }

    /** One measure's table of months: each month a tally of that count alone, the nation its total. */
    private static List<PublishedCount> measure(
            List<TimelineEntry> months, ToLongFunction<TimelineEntry> count, SuppressedTable table) {
        List<Tally> rows = new ArrayList<>();
        for (TimelineEntry month : months) {
            long value = count.applyAsLong(month);
            // Keyed by the month where a region's code goes: suppression reads no more of a row than its key and
            // counts.
            rows.add(new Tally(Breakdown.region, month.month(), null, month.month(), value, 0, value, null));
        }
        return table.publishShares(rows).stream().map(PublishedTally::deported).toList();
    }
}
