package org.reunify.schemas;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How a command prints a listing of tallies: a table for people, JSON or CSV for programs. */
public enum TallyFormat {
    table {
        @Override
        public void print(List<Tally> tallies, PrintWriter out) {
            String key = (tallies.isEmpty() ? Breakdown.region : tallies.get(0).by())
                    .name()
                    .toUpperCase(Locale.ROOT);
            int width = key.length();
            for (Tally tally : tallies) {
                width = Math.max(width, tally.code().length());
            }
            boolean daily = !tallies.isEmpty() && tallies.get(0).isDaily();
            String row = (daily ? "%-11s" : "%s") + "%-" + width + "s %-30s %10s %10s %12s  %s%n";
            out.printf(row, daily ? "DATE" : "", key, "NAME", "DEPORTED", "RETURNED", "OUTSTANDING", "UPDATED (UTC)");
            for (Tally tally : tallies) {
                out.printf(
                        row,
                        daily ? tally.day().toString() : "",
                        tally.code(),
                        tally.name(),
                        grouped(tally.deported()),
                        grouped(tally.returned()),
                        grouped(tally.outstanding()),
                        tally.updatedAt() == null ? "-" : UPDATED.format(tally.updatedAt()));
            }
        }

        @Override
        public void printTimeline(List<TimelineEntry> entries, PrintWriter out) {
            String row = "%-8s %-6s %-30s %10s %10s%n";
            out.printf(row, "MONTH", "REGION", "NAME", "TAKEN", "RETURNED");
            for (TimelineEntry entry : entries) {
                out.printf(
                        row,
                        entry.month(),
                        entry.region(),
                        entry.name(),
                        grouped(entry.taken()),
                        grouped(entry.returned()));
            }
        }
    },
    json {
        @Override
        public void print(List<Tally> tallies, PrintWriter out) {
            out.print(TallyJson.toJsonArray(tallies));
        }

        @Override
        public void printTimeline(List<TimelineEntry> entries, PrintWriter out) {
            out.print(TallyJson.toJsonArrayOfNodes(
                    entries.stream().map(TallyJson::toNode).toList()));
        }
    },
    csv {
        @Override
        public void print(List<Tally> tallies, PrintWriter out) {
            out.print(TallyCsv.format(tallies));
        }

        @Override
        public void printTimeline(List<TimelineEntry> entries, PrintWriter out) {
            out.print(TallyCsv.formatTimeline(entries));
        }
    };

    private static final DateTimeFormatter UPDATED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** Tallies of one breakdown, in the order given. */
    public abstract void print(List<Tally> tallies, PrintWriter out);

    /** Timeline entries (rule 8), in the order given. */
    public abstract void printTimeline(List<TimelineEntry> entries, PrintWriter out);

    private static String grouped(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
