package org.reunify.dashboard.export;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import org.reunify.dashboard.disclosure.DailyTables;
import org.reunify.dashboard.disclosure.SuppressedTable;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.dashboard.disclosure.TimelineTables;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;
import org.reunify.schemas.Topics;

/** What {@code reunify export --hxl} writes: the CSV and its metadata, from tallies already read. */
public final class HxlExport {

    /** Where the daily tallies are read from, named in the metadata. */

    /** The CSV for the portal and the JSON that describes it. */
    public record Files(String csv, String metadata) {}

    private HxlExport() {}

    /** The current figures, every row dated {@code asOf}. */
    public static Files current(List<Tally> table, LocalDate asOf, Suppression suppression) {
        return new Files(
                HxlCsv.current(asOf, new SuppressedTable(suppression).publish(table)),
                new HxlMetadata(Topics.TOTALS.name(), HxlMetadata.Series.CURRENT, asOf, asOf, suppression).toJson());
    }

    /**
     * A daily series from the daily tallies (a region's tally on each day it changed), carried forward.
     *
     * @param from the first day; null for the first day with a tally
     * @param to   the last day; null for the last day with a tally
     * @throws IllegalArgumentException when there are no daily tallies to date the series by
     */
    public static Files daily(Collection<Tally> daily, LocalDate from, LocalDate to, Suppression suppression) {
        LocalDate first = from != null
                ? from
                : daily.stream()
                        .map(Tally::day)
                        .min(LocalDate::compareTo)
                        .orElseThrow(() -> new IllegalArgumentException("no daily tallies yet; give --from and --to"));
        LocalDate last = to != null
                ? to
                : daily.stream()
                        .map(Tally::day)
                        .max(LocalDate::compareTo)
                        .orElseThrow(() -> new IllegalArgumentException("no daily tallies yet; give --from and --to"));
        SortedMap<LocalDate, List<Tally>> series = DailyTables.carryForward(daily, first, last);
        return new Files(
                HxlCsv.daily(DailyTables.publish(series, new SuppressedTable(suppression))),
                new HxlMetadata(Topics.TOTALS_DAILY.name(), HxlMetadata.Series.DAILY, first, last, suppression)
                        .toJson());
    }

    /**
     * Rule 8's timeline: every region's months, or with suppression the nation's alone ({@link TimelineTables}).
     *
     * @param asOf the day the timeline was read
     */
    public static Files monthly(List<TimelineEntry> timeline, LocalDate asOf, Suppression suppression) {
        List<TimelineEntry> sorted = Tallies.sortedTimeline(timeline);
        List<TimelineTables.PublishedMonth> rows = suppression.active()
                ? TimelineTables.national(
                        sorted.stream()
                                .filter(entry -> entry.region().equals(Regions.NATIONAL_CODE))
                                .toList(),
                        new SuppressedTable(suppression))
                : List.of();
        return new Files(
                suppression.active() ? HxlCsv.nationalMonths(rows) : HxlCsv.monthly(sorted),
                new HxlMetadata(Topics.TIMELINE.name(), HxlMetadata.Series.MONTHLY, asOf, asOf, suppression).toJson());
    }
}
