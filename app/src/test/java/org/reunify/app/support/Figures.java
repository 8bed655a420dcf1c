package org.reunify.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.TimeoutException;
import org.reunify.audit.Difference;
import org.reunify.audit.HistoryReader;
import org.reunify.audit.Replay;
import org.reunify.audit.TotalsAudit;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.TotalsFollower;
import org.reunify.streams.rules.Counts;

/**
 * Tallies as {@code deported/returned/outstanding} per region, the regions with nothing counted left out, so that a
 * failed comparison shows at a glance which region is off and by how much.
 */
public final class Figures {

    private static final Duration COUNTED_WITHIN = Duration.ofMinutes(3);

    /**
     * A first fetch of metadata slower than one poll (a TLS handshake and a SCRAM login on a busy machine) is "not
     * yet", like a topic the streams app has not made yet: a test has only just started it, or killed it before.
     */
    private static final Predicate<Throwable> NOT_YET =
            e -> e instanceof IllegalStateException && e.getMessage().startsWith("there is no topic")
                    || e instanceof TimeoutException;

    private Figures() {}

    /** Every region's and UA's tally as the rules count them. */
    public static List<Tally> expected(Map<String, Counts> counts) {
        List<Tally> known = new ArrayList<>();
        counts.forEach((region, tally) -> known.add(tally.toTally(region)));
        return Tallies.complete(known);
    }

    public static Map<String, String> of(Collection<Tally> tallies) {
        Map<String, String> figures = new TreeMap<>();
        for (Tally tally : tallies) {
            if (tally.deported() != 0 || tally.returned() != 0) {
                figures.put(tally.code(), tally.deported() + "/" + tally.returned() + "/" + tally.outstanding());
            }
        }
        return figures;
    }

    public static String national(long deported, long returned) {
        return deported + "/" + returned + "/" + (deported - returned);
    }

    /** Follows the totals topic, read committed, until it shows {@code expected}; returns the tallies. */
    public static Map<String, Tally> awaitTotals(Map<String, Object> client, Map<String, String> expected) {
        return awaitTotals(client, figures -> assertThat(figures).isEqualTo(expected));
    }

    public static Map<String, Tally> awaitNational(Map<String, Object> client, long deported, long returned) {
        return awaitTotals(client, figures -> assertThat(figures).containsEntry("UA", national(deported, returned)));
    }

    /**
     * Follows the totals until their figures pass {@code check}; waits, too, for the streams app to create the totals
     * topic, if a test has only just started it.
     */
    public static Map<String, Tally> awaitTotals(Map<String, Object> client, Consumer<Map<String, String>> check) {
        try (TotalsFollower totals = new TotalsFollower(client)) {
            await().atMost(COUNTED_WITHIN)
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO)
                    .ignoreExceptionsMatching(NOT_YET)
                    .untilAsserted(() -> {
                        totals.poll(Duration.ofMillis(250));
                        check.accept(of(totals.current().values()));
                    });
            return Map.copyOf(totals.current());
        }
    }

    /** The tallies the auditors' replay computes from the agency topics, as of the instant or to the end. */
    public static List<Tally> replay(Map<String, Object> client, Optional<Instant> asOf) {
        return replayOf(client, asOf).tallies();
    }

    /** The auditors' replay of the history, as of the instant or to the end: every listing it gives. */
    public static Replay replayOf(Map<String, Object> client, Optional<Instant> asOf) {
        Replay replay = new Replay();
        try (HistoryReader reader = new HistoryReader(client)) {
            reader.plan(asOf);
            reader.readInto(replay, records -> {});
        }
        return replay;
    }

    /**
     * What {@code reunify replay --verify} finds: every figure of every published topic (totals, daily, destinations),
     * and of the sink's files if given, that differs from the replay of the history after {@code wait}.
     */
    public static List<Difference> verify(Map<String, Object> client, Optional<TallyFiles> files, Duration wait)
            throws InterruptedException {
        Replay replay = new Replay();
        try (HistoryReader reader = new HistoryReader(client)) {
            reader.plan(Optional.empty());
            reader.readInto(replay, records -> {});
            return new TotalsAudit(reader, replay, client, files, Optional.empty()).verify(wait, differences -> {});
        }
    }

    /**
     * The totals once the stream has counted everything published: equal to the replay at the end, or failing after a
     * wait.
     */
    public static List<Tally> awaitSettled(Map<String, Object> client) {
        try (TotalsFollower totals = new TotalsFollower(client)) {
            await().atMost(COUNTED_WITHIN)
                    .pollInSameThread()
                    .ignoreExceptionsMatching(NOT_YET)
                    .untilAsserted(() -> {
                        totals.poll(Duration.ofMillis(250));
                        assertThat(Tallies.complete(totals.current().values()))
                                .isEqualTo(replay(client, Optional.empty()));
                    });
            return Tallies.complete(totals.current().values());
        }
    }

    /** Waits until the sink's {@code tallies.json} shows {@code expected}. */
    public static void awaitTallyFile(TallyFiles files, Map<String, String> expected) {
        await().atMost(COUNTED_WITHIN)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(of(TallyJson.fromJsonArray(read(files.json()))))
                        .isEqualTo(expected));
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
