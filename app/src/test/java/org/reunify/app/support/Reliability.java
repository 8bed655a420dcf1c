package org.reunify.app.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reunify.audit.HistoryReader;
import org.reunify.audit.Replay;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.sink.TotalsFollower;

/**
 * The figures of a fault-injection run, as rows of the table in {@code docs/RELIABILITY.md}: each suite appends
 * what it injected and what it found to {@code target/reliability.md}. Lost and double-counted are measured,
 * region by region, between the published totals and the replay of the same history.
 */
public final class Reliability {

    private static final ResultTable TABLE = new ResultTable(
            Path.of("target", "reliability.md"),
            "| fault | injected | trials | events | lost | double-counted | rejected "
                    + "|\n|---|---:|---:|---:|---:|---:|---:|\n");

    private Reliability() {}

    /** What a run left behind: the history and how the published totals compare with its replay. */
    public record Measured(long events, long lost, long doubleCounted, long refused) {}

    /** Replays the agency topics and compares with what the totals topic holds now. */
    public static Measured measure(Map<String, Object> client) {
        Replay replay = new Replay();
        try (HistoryReader reader = new HistoryReader(client)) {
            reader.plan(Optional.empty());
            reader.readInto(replay, records -> {});
        }
        List<Tally> published;
        try (TotalsFollower totals = new TotalsFollower(client)) {
            totals.catchUp(Duration.ofMinutes(1));
            published = Tallies.complete(totals.current().values());
        }
        List<Tally> replayed = replay.tallies();
        long refused =
                replay.refusals().values().stream().mapToLong(Long::longValue).sum();
        return new Measured(replay.records(), lost(replayed, published), doubleCounted(replayed, published), refused);
    }

    public static void record(String fault, long injected, int trials, Measured measured) {
        record(
                fault,
                injected,
                trials,
                measured.events(),
                measured.lost(),
                measured.doubleCounted(),
                measured.refused());
    }

    /** Cases the published totals miss, summed over the regions. */
    private static long lost(List<Tally> replayed, List<Tally> published) {
        return sum(replayed, published, 1);
    }

    /** Cases the published totals count more than once, summed over the regions. */
    private static long doubleCounted(List<Tally> replayed, List<Tally> published) {
        return sum(replayed, published, -1);
    }

    private static long sum(List<Tally> replayed, List<Tally> published, int sign) {
        Map<String, Tally> theirs = new HashMap<>();
        published.forEach(tally -> theirs.put(tally.code(), tally));
        long total = 0;
        for (Tally ours : replayed) {
            if (ours.code().equals(Regions.NATIONAL_CODE)) {
                continue;
            }
            Tally their = theirs.get(ours.code());
            long deported = their == null ? 0 : their.deported();
            long returned = their == null ? 0 : their.returned();
            total +=
                    Math.max(0, sign * (ours.deported() - deported)) + Math.max(0, sign * (ours.returned() - returned));
        }
        return total;
    }

    public static void record(
            String fault, long injected, int trials, long events, long lost, long doubleCounted, long rejected) {
        TABLE.append(String.format(
                "| %s | %,d | %d | %,d | %d | %d | %,d |%n",
                fault, injected, trials, events, lost, doubleCounted, rejected));
    }
}
