package org.reunify.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.WakeupException;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default sink: keeps {@code tallies.json} and {@code tallies.csv} equal to the committed totals. The files
 * are a pure function of the compacted topic, so the sink needs no offsets of its own: on every start it reads
 * the topic from the beginning, and a crash at any moment leaves the previous complete files in place.
 */
public final class FileTallySink implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileTallySink.class);
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration TOPIC_RECHECK = Duration.ofSeconds(5);

    private final TotalsFollower totals;
    private final TallyFiles files;
    private volatile boolean running = true;
    private List<Tally> written;

    public FileTallySink(Map<String, Object> clientConfig, TallyFiles files) {
        this.totals = new TotalsFollower(clientConfig);
        this.files = files;
    }

    /** Writes the files, then rewrites them on every change until {@link #close()}. */
    @Override
    public void run() {
        try {
            if (!awaitTotalsTopic()) {
                return;
            }
            totals.catchUp(CATCH_UP);
            writeIfChanged();
            LOG.info("writing tallies to {} and {}", files.json(), files.csv());
            while (running) {
                if (totals.poll(POLL)) {
                    writeIfChanged();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            totals.close();
        }
    }

    /** @return false when closed while waiting */
    private boolean awaitTotalsTopic() {
        boolean told = false;
        while (running && !totals.topicExists(TOPIC_RECHECK)) {
            if (!told) {
                LOG.info("waiting for the cluster to answer and the streams app to create {}", Topics.TOTALS);
                told = true;
            }
            try {
                Thread.sleep(TOPIC_RECHECK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return running;
    }

    private void writeIfChanged() {
        List<Tally> listing = Tallies.complete(totals.current().values());
        if (listing.equals(written)) {
            return;
        }
        try {
            files.write(listing);
            written = listing;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tally files in " + files.json().getParent(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        totals.wakeup();
    }
}
