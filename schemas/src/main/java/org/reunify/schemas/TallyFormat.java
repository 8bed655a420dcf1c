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
            String row = "%-6s %-30s %10s %10s %12s  %s%n";
            out.printf(row, "REGION", "NAME", "DEPORTED", "RETURNED", "OUTSTANDING", "UPDATED (UTC)");
            for (Tally tally : tallies) {
                out.printf(
                        row,
                        tally.region(),
                        tally.name(),
                        grouped(tally.deported()),
                        grouped(tally.returned()),
                        grouped(tally.outstanding()),
                        tally.updatedAt() == null ? "-" : UPDATED.format(tally.updatedAt()));
            }
        }
    },
    json {
        @Override
        public void print(List<Tally> tallies, PrintWriter out) {
            out.print(TallyJson.toJsonArray(tallies));
        }
    },
    csv {
        @Override
        public void print(List<Tally> tallies, PrintWriter out) {
            out.print(TallyCsv.format(tallies));
        }
    };

    private static final DateTimeFormatter UPDATED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    public abstract void print(List<Tally> tallies, PrintWriter out);

    private static String grouped(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
