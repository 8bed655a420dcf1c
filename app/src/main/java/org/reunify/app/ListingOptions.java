package org.reunify.app;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyFormat;
import org.reunify.schemas.TimelineEntry;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Which tallies {@code totals} and {@code replay} list, and how: current ones by region or destination, daily, or the
 * timeline by month.
 */
final class ListingOptions {

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "table (for people), json or csv (default: ${DEFAULT-VALUE}).")
    TallyFormat format;

    @Option(
            names = "--by",
            defaultValue = "region",
            description = "region or destination (rule 7: where the deciding report says the child was taken) "
                    + "(default: ${DEFAULT-VALUE}).")
    Breakdown by;

    @Option(
            names = "--daily",
            description = "Each region's tally at the end of every Kyiv day on which it changed, by date, then region; "
                    + "carry a region's figures forward over the days it has none.")
    boolean daily;

    @Option(
            names = "--monthly",
            description = "Rule 8's timeline: each region's (and UA's) cases taken and returned in every month, by the "
                    + "occurredOn of the reports (UNKNOWN: taken when no report says), by month, then region.")
    boolean monthly;

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "With --daily: from this Kyiv day on, e.g. 2025-12-01.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "With --daily: up to and including this Kyiv day.")
    LocalDate to;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "With --daily or --monthly: this region's only (UA-14, UA).")
    String region;

    /** Options that do not go together, refused before anything is read. */
    void check(CommandLine command) {
        if ((from != null || to != null) && !daily) {
            throw new ParameterException(command, "--from and --to go with --daily");
        }
        if (region != null && !daily && !monthly) {
            throw new ParameterException(command, "--region goes with --daily or --monthly");
        }
        if (daily && monthly) {
            throw new ParameterException(command, "--daily and --monthly are two listings; choose one");
        }
        if ((daily || monthly) && by == Breakdown.destination) {
            throw new ParameterException(
                    command, "--daily and --monthly list regions' figures; they take no --by destination");
        }
        if (region != null && Regions.byCode(region).isEmpty()) {
            throw new ParameterException(command, "--region takes a region code such as UA-14 or UA");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new ParameterException(command, "--from " + from + " is after --to " + to);
        }
    }

    /** Whether any option chooses another listing than the current regional tallies. */
    boolean choosesAListing() {
        return daily || monthly || by != Breakdown.region;
    }

    /** Prints the listing chosen, reading only the tallies it needs. */
    void print(
            Supplier<List<Tally>> regions,
            Supplier<List<Tally>> destinations,
            Supplier<List<Tally>> days,
            Supplier<List<TimelineEntry>> timeline,
            PrintWriter out) {
        if (monthly) {
            format.printTimeline(
                    timeline.get().stream()
                            .filter(entry -> region == null || region.equals(entry.region()))
                            .toList(),
                    out);
        } else if (daily) {
            format.print(days.get().stream().filter(this::chosen).toList(), out);
        } else if (by == Breakdown.destination) {
            format.print(destinations.get(), out);
        } else {
            format.print(regions.get(), out);
        }
        out.flush();
    }

    private boolean chosen(Tally day) {
        return (from == null || !day.day().isBefore(from))
                && (to == null || !day.day().isAfter(to))
                && (region == null || region.equals(day.code()));
    }
}
