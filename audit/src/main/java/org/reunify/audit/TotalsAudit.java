package org.reunify.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.TimelineEntry;
import org.reunify.schemas.Topics;
import org.reunify.schemas.Waits;
import org.reunify.sink.PublishedTallies;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.TallyFollower;
import org.reunify.sink.postgres.Database;
import org.reunify.sink.postgres.PostgresTallies;

/**
 * {@code reunify replay --verify}: the published tallies against the replay of the whole history. A stream that is
 * still catching up differs for a while, so differences only count once they have outlasted the wait; meanwhile
 * the replay is brought forward with every new event, never started over.
 */
public final class TotalsAudit {

    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final HistoryReader reader;
    private final Replay replay;
    private final Map<String, Object> clientConfig;
    private final Optional<TallyFiles> files;
    private final Optional<Database> database;

    /**
     * @param replay   the replay {@code reader} has fed so far
     * @param files    the file sink's output, to compare too
     * @param database the PostgreSQL sink's database, to compare its tables too
     */
    public TotalsAudit(
            HistoryReader reader,
            Replay replay,
            Map<String, Object> clientConfig,
            Optional<TallyFiles> files,
            Optional<Database> database) {
        this.reader = reader;
        this.replay = replay;
        this.clientConfig = Map.copyOf(clientConfig);
        this.files = files;
        this.database = database;
    }

    /**
     * @param waiting told once, with the differences so far, when the first comparison fails and waiting begins
     * @return the differences that remained after {@code wait}; empty when every published figure is the replay's
     */
    public List<Difference> verify(Duration wait, Consumer<List<Difference>> waiting) {
        try (TallyFollower<Tally> totals = TallyFollower.of(clientConfig, PublishedTallies.TOTALS);
                TallyFollower<Tally> destinations = TallyFollower.of(clientConfig, PublishedTallies.DESTINATIONS);
                TallyFollower<Tally> daily = TallyFollower.of(clientConfig, PublishedTallies.DAILY);
                TallyFollower<TimelineEntry> timeline = TallyFollower.timeline(clientConfig)) {
            AtomicReference<List<Difference>> latest = new AtomicReference<>();
            AtomicBoolean replayed = new AtomicBoolean(true);
            Waits.within(
                    wait,
                    RECHECK,
                    () -> {
                        // The first check compares the replay as fed; each later one replays up to the newest events.
                        if (!replayed.getAndSet(false)) {
                            reader.plan(Optional.empty());
                            reader.readInto(replay, records -> {});
                        }
                        for (TallyFollower<?> published : List.of(totals, destinations, daily, timeline)) {
                            published.catchUp(wait.plus(Duration.ofSeconds(30)));
                        }
                        List<Difference> differences = compare(totals, destinations, daily, timeline);
                        if (!differences.isEmpty() && latest.get() == null) {
                            waiting.accept(differences);
                        }
                        latest.set(differences);
                        return differences.isEmpty();
                    },
                    "the published totals to equal the replay");
            return latest.get();
        }
    }

    private List<Difference> compare(
            TallyFollower<Tally> totals,
            TallyFollower<Tally> destinations,
            TallyFollower<Tally> daily,
            TallyFollower<TimelineEntry> timeline) {
        List<TimelineEntry> replayedTimeline = replay.timeline();
        List<Tally> replayed = replay.tallies();
        List<Tally> replayedDestinations = replay.destinationTallies();
        List<Tally> replayedDays = replay.dailyTallies();
        List<Difference> differences = new ArrayList<>(Difference.between(
                Topics.TOTALS.name(),
                replayed,
                Tallies.complete(totals.current().values())));
        differences.addAll(Difference.between(
                Topics.DESTINATIONS.name(),
                replayedDestinations,
                Tallies.completeDestinations(destinations.current().values())));
        differences.addAll(Difference.between(
                Topics.TOTALS_DAILY.name(),
                replayedDays,
                List.copyOf(daily.current().values())));
        differences.addAll(Difference.betweenTimelines(
                Topics.TIMELINE.name(),
                replayedTimeline,
                List.copyOf(timeline.current().values())));
        files.ifPresent(tallyFiles ->
                differences.addAll(Difference.between(tallyFiles.json().toString(), replayed, read(tallyFiles))));
        database.ifPresent(db -> {
            differences.addAll(
                    Difference.between("region_tallies at " + db, replayed, Tallies.complete(read(db, TALLIES))));
            differences.addAll(Difference.between(
                    "destination_tallies at " + db,
                    replayedDestinations,
                    Tallies.completeDestinations(read(db, DESTINATIONS))));
            differences.addAll(Difference.between("region_tallies_daily at " + db, replayedDays, read(db, DAYS)));
            differences.addAll(
                    Difference.betweenTimelines("region_timeline at " + db, replayedTimeline, read(db, TIMELINE)));
        });
        return differences;
    }

    /** A table of the PostgreSQL sink, read back. */
    private interface Table<T> {
        List<T> read(Database database) throws SQLException;
    }

    private static final Table<Tally> TALLIES = PostgresTallies::tallies;
    private static final Table<Tally> DESTINATIONS = PostgresTallies::destinationTallies;
    private static final Table<Tally> DAYS = PostgresTallies::dailyTallies;
    private static final Table<TimelineEntry> TIMELINE = PostgresTallies::timeline;

    private static <T> List<T> read(Database database, Table<T> table) {
        try {
            return table.read(database);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the sink's tables from PostgreSQL at " + database + ": " + e.getMessage(), e);
        }
    }

    private static List<Tally> read(TallyFiles files) {
        try {
            return TallyJson.fromJsonArray(Files.readString(files.json()));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + files.json(), e);
        }
    }
}
