package org.reunify.schemas;

import java.util.List;

/**
 * Tallies as CSV for spreadsheets: docs/DESIGN.md's fields as columns, an empty {@code updatedAt} where nothing
 * happened.
 */
public final class TallyCsv {

    public static final String HEADER = "region,name,deported,returned,outstanding,updatedAt";

    private TallyCsv() {}

    /** Tallies of one breakdown; the first column is named by their key, or is the date of daily ones. */
    public static String format(List<Tally> tallies) {
        String key = tallies.isEmpty()
                ? Breakdown.region.name()
                : tallies.get(0).by().name();
        boolean daily = !tallies.isEmpty() && tallies.get(0).isDaily();
        StringBuilder csv = new StringBuilder(daily ? "date," : "")
                .append(key)
                .append(HEADER.substring(HEADER.indexOf(',')))
                .append('\n');
        for (Tally tally : tallies) {
            if (daily) {
                csv.append(tally.day()).append(',');
            }
            csv.append(tally.code())
                    .append(',')
                    .append(quoted(tally.name()))
                    .append(',')
                    .append(tally.deported())
                    .append(',')
                    .append(tally.returned())
                    .append(',')
                    .append(tally.outstanding())
                    .append(',')
                    .append(tally.updatedAt() == null ? "" : TallyJson.format(tally.updatedAt()))
                    .append('\n');
        }
        return csv.toString();
    }

    /** Timeline entries (rule 8): docs/DESIGN.md's fields as columns, the month first. */
    public static String formatTimeline(List<TimelineEntry> entries) {
        StringBuilder csv = new StringBuilder("month,region,name,taken,returned\n");
        for (TimelineEntry entry : entries) {
            csv.append(entry.month())
                    .append(',')
                    .append(entry.region())
                    .append(',')
                    .append(quoted(entry.name()))
                    .append(',')
                    .append(entry.taken())
                    .append(',')
                    .append(entry.returned())
                    .append('\n');
        }
        return csv.toString();
    }

    /** A CSV cell as RFC 4180 has it: quoted when it holds a comma, a quote or a line break. */
    public static String quoted(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
