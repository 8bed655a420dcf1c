package org.reunify.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.reunify.schemas.Regions;
import org.reunify.schemas.Tally;

/**
 * The figures of a fault-injection run, as rows of the table in {@code docs/RELIABILITY.md}: each suite appends
 * what it injected and what it found to {@code target/reliability.md}. Lost and double-counted are measured,
 * region by region, between the published totals and the replay of the same history.
 */
final class Reliability {

    private static final Path TABLE = Path.of("target", "reliability.md");

    private Reliability() {
    }

    /** Cases the published totals miss, summed over the regions. */
    static long lost(List<Tally> replayed, List<Tally> published) {
        return sum(replayed, published, 1);
    }

    /** Cases the published totals count more than once, summed over the regions. */
    static long doubleCounted(List<Tally> replayed, List<Tally> published) {
        return sum(replayed, published, -1);
    }

    private static long sum(List<Tally> replayed, List<Tally> published, int sign) {
        Map<String, Tally> theirs = new HashMap<>();
        published.forEach(tally -> theirs.put(tally.region(), tally));
        long total = 0;
        for (Tally ours : replayed) {
            if (ours.region().equals(Regions.NATIONAL_CODE)) {
                continue;
            }
            Tally their = theirs.get(ours.region());
            long deported = their == null ? 0 : their.deported();
            long returned = their == null ? 0 : their.returned();
            total += Math.max(0, sign * (ours.deported() - deported)) + Math.max(0, sign * (ours.returned() - returned));
        }
        return total;
    }

    static void record(String fault, long injected, int trials, long events, long lost, long doubleCounted, long rejected) {
        String row = String.format("| %s | %,d | %d | %,d | %d | %d | %,d |%n", fault, injected, trials, events, lost, doubleCounted, rejected);
        try {
            Files.createDirectories(TABLE.getParent());
            Files.writeString(TABLE, row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
