package org.reunify.dashboard.export;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import org.reunify.dashboard.disclosure.PublishedTally;
import org.reunify.dashboard.disclosure.TimelineTables;
import org.reunify.schemas.Region;
import org.reunify.schemas.Regions;
import org.reunify.schemas.TallyCsv;
import org.reunify.schemas.TimelineEntry;

/**
 * Published tables as CSV for open-data portals (HDX and others that read HXL): a header row, then the HXL hashtag
 * row of docs/DESIGN.md, then one row per region and day, {@code UA} included. A hidden count is written as published
 * ({@code <5}, {@code >=5}) and a withheld one as an empty cell: HXL wants numbers under {@code #affected}, and a
 * portal's validation flagging these cells is right, they are not numbers.
 */
public final class HxlCsv {

    static final String HEADER = "date,region,pcode,name,deported,returned,outstanding";
    static final String HASHTAGS = "#date,#adm1+code,#adm1+pcode,#adm1+name,"
            + "#affected+children+deported,#affected+children+returned,#affected+children+outstanding";
    static final String MONTHLY_HEADER = "month,region,pcode,name,taken,returned";
    static final String MONTHLY_HASHTAGS =
            "#date+occurred,#adm1+code,#adm1+pcode,#adm1+name,#affected+children+deported,#affected+children+returned";
    private static final String LINE_END = "\r\n";

    private HxlCsv() {}

    /** The current figures: every row dated {@code asOf}. */
    public static String current(LocalDate asOf, List<PublishedTally> table) {
        StringBuilder csv = head();
        rows(csv, asOf, table);
        return csv.toString();
    }

    /** A daily series, by date then as each day's table has its rows. */
    public static String daily(SortedMap<LocalDate, List<PublishedTally>> series) {
        StringBuilder csv = head();
        series.forEach((day, table) -> rows(csv, day, table));
        return csv.toString();
    }

    /** Rule 8's timeline, every entry exact, by month then region; the unknown month as an empty cell. */
    public static String monthly(List<TimelineEntry> timeline) {
        StringBuilder csv = head(MONTHLY_HEADER, MONTHLY_HASHTAGS);
        for (TimelineEntry entry : timeline) {
            month(csv, entry.month(), entry.region(), entry.name());
            csv.append(',')
                    .append(entry.taken())
                    .append(',')
                    .append(entry.returned())
                    .append(LINE_END);
        }
        return csv.toString();
    }

    /** The nation's months as published under suppression. */
    static String nationalMonths(List<TimelineTables.PublishedMonth> months) {
        StringBuilder csv = head(MONTHLY_HEADER, MONTHLY_HASHTAGS);
        String name = Regions.byCode(Regions.NATIONAL_CODE).orElseThrow().nameEn();
        for (TimelineTables.PublishedMonth month : months) {
            month(csv, month.month(), Regions.NATIONAL_CODE, name);
            csv.append(',')
                    .append(month.taken().text())
                    .append(',')
                    .append(month.returned().text())
                    .append(LINE_END);
        }
        return csv.toString();
    }

    private static void month(StringBuilder csv, String month, String code, String name) {
        Region region = Regions.byCode(code).orElseThrow();
        csv.append(TimelineEntry.UNKNOWN_MONTH.equals(month) ? "" : month)
                .append(',')
                .append(region.code())
                .append(',')
                .append(region.pcode())
                .append(',')
                .append(TallyCsv.quoted(name));
    }

    private static StringBuilder head() {
        return head(HEADER, HASHTAGS);
    }

    private static StringBuilder head(String header, String hashtags) {
        return new StringBuilder(header).append(LINE_END).append(hashtags).append(LINE_END);
    }

    private static void rows(StringBuilder csv, LocalDate day, List<PublishedTally> table) {
        for (PublishedTally tally : table) {
            Region region = Regions.byCode(tally.code())
                    .orElseThrow(() -> new IllegalArgumentException("not a region code: " + tally.code()));
            csv.append(day)
                    .append(',')
                    .append(region.code())
                    .append(',')
                    .append(region.pcode())
                    .append(',')
                    .append(TallyCsv.quoted(tally.name()));
            tally.counts().forEach(count -> csv.append(',').append(count.text()));
            csv.append(LINE_END);
        }
    }
}
