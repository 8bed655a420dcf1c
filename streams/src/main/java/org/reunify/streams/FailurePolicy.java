package org.reunify.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the streams app does when a stream thread fails (DESIGN.md "Limits": a failure that repeats on the same record
 * never loops silently). A failure may pass (a broker away, a fenced producer), so the first is met with a new thread
 * that resumes from the last commit. The same record failing again, failures that keep coming, or the JVM itself
 * failing (out of memory) stop the app instead, with a reason that names the record, so that the command exits non-zero
 * rather than replace threads forever while the totals stand still.
 */
public final class FailurePolicy implements StreamsUncaughtExceptionHandler {

    /** More thread failures than this within {@link #WINDOW}, whatever the records, stop the app. */
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(FailurePolicy.class);

    private final Deque<Long> recentFailures = new ArrayDeque<>();
    private String failingRecord;
    private String previousFailingRecord;
    private volatile String stopReason;

    /** Why the policy stopped the app; empty while it runs, or if it stopped for another reason. */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /** Told by the processing exception handler which record a failure is about, just before the thread fails with it. */
    synchronized void failedOn(ErrorHandlerContext context, Exception error) {
        failed(RecordNames.of(context), error);
    }

    /** Told by the production exception handler which record's output the broker refused. */
    synchronized void failedOn(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> written, Exception error) {
        failed(RecordNames.of(context, written), error);
    }

    private void failed(String record, Exception error) {
        failingRecord = record;
        LOG.error("processing {} failed", record, error);
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable error) {
        String record = failingRecord;
        failingRecord = null;
        long now = System.nanoTime();
        recentFailures.addLast(now);
        while (now - recentFailures.peekFirst() > WINDOW.toNanos()) {
            recentFailures.removeFirst();
        }
        String about = record == null ? "" : " on " + record;
        if (isFatal(error)) {
            return stop("the JVM failed" + about + ": " + error + " (a record larger than the heap, such as a decompression bomb, "
                    + "cannot be read by any Kafka client; see docs/RELIABILITY.md)", error);
        }
        if (record != null && record.equals(previousFailingRecord)) {
            return stop("processing failed twice" + about + ": " + rootMessage(error), error);
        }
        if (recentFailures.size() > MAX_FAILURES) {
            return stop(recentFailures.size() + " stream thread failures within " + WINDOW.toMinutes() + " minutes, the last" + about
                    + ": " + rootMessage(error), error);
        }
        previousFailingRecord = record;
        LOG.error("a stream thread failed{}; replacing it, it resumes from the last committed transaction", about, error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    private StreamThreadExceptionResponse stop(String reason, Throwable error) {
        stopReason = reason;
        LOG.error("stopping the streams app: {}", reason, error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private static boolean isFatal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof Error) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }
}
