package org.reunify.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default sink: keeps {@code tallies.json} and {@code tallies.csv} equal to the committed totals. The files
 * are a pure function of the compacted topic, so the sink needs no offsets of its own: on every start it reads
 * the topic from the beginning, and a crash at any moment leaves the previous complete files in place. It writes
 * the offsets the files reflect to {@code position.json} after them, only for {@code reunify status} to read.
 */
public final class FileTallySink implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileTallySink.class);

    static final String NAME = "file";

    private final TallyFiles files;
    private final SinkMetrics metrics;
    private final TotalsFeed feed;
    private List<Tally> written;

    public FileTallySink(Map<String, Object> clientConfig, TallyFiles files) {
        this(clientConfig, files, SinkMetrics.NONE);
    }

    public FileTallySink(Map<String, Object> clientConfig, TallyFiles files, SinkMetrics metrics) {
        this.files = files;
        this.metrics = metrics;
        this.feed = new TotalsFeed(clientConfig, new TotalsFeed.Listener() {
            @Override
            public void onTotals(List<Tally> changes, List<Tally> listing) {
                write(changes, listing);
            }

            @Override
            public void onPosition(SortedMap<Integer, Long> nextOffsets) {
                writePosition(nextOffsets);
            }
        });
    }

    /** Writes the files, then rewrites them on every change until {@link #close()}. */
    @Override
    public void run() {
        feed.run();
    }

    private void write(List<Tally> changes, List<Tally> listing) {
        Instant readAt = Instant.now();
        // The first listing is the whole topic, read again at every start: its tallies are not news.
        boolean live = written != null;
        if (listing.equals(written)) {
            return;
        }
        try {
            files.write(listing);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the tally files in " + files.json().getParent(), e);
        }
        if (written == null) {
            LOG.info("writing tallies to {} and {}", files.json(), files.csv());
        }
        written = listing;
        metrics.written(NAME, changes.size());
        for (Tally tally : changes) {
            if (live) {
                metrics.committed(NAME, tally, readAt);
            } else {
                metrics.stands(tally);
            }
        }
    }

    /** Whether the files hold the totals as read to the topic's end once, and follow it since. */
    public boolean isCaughtUp() {
        return feed.isCaughtUp();
    }

    /** What {@code reunify status} compares with the topic's end: the sink joins no group that would say it. */
    private void writePosition(SortedMap<Integer, Long> nextOffsets) {
        try {
            files.writePosition(new AppliedOffsets(Topics.TOTALS.name(), nextOffsets, Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + files.position(), e);
        }
    }

    @Override
    public void close() {
        feed.close();
    }
}
