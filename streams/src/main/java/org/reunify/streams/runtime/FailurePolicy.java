package org.reunify.streams.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.reunify.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the streams app does when a stream thread fails (docs/DESIGN.md "Limits": a failure that repeats on the same
 * record never loops silently). A failure may pass (a broker away, a fenced producer), so the first is met with a new
 * thread that resumes from the last commit. The same record failing again within {@link #WINDOW}, failures that keep
 * coming, or the JVM itself failing (out of memory) stop the app instead, with a reason that names the record, so that
 * the command exits non-zero rather than replace threads forever while the totals stand still.
 */
public final class FailurePolicy implements StreamsUncaughtExceptionHandler {

    /** More thread failures than this within {@link #WINDOW}, whatever the records, stop the app. */
    static final int MAX_FAILURES = 5;

    static final Duration WINDOW = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(FailurePolicy.class);

    /** The record each task failed on, told by an exception handler, until its thread's failure comes through. */
    private final Map<TaskId, Failed> pending = new HashMap<>();

    private final Deque<Long> recentFailures = new ArrayDeque<>();
    private Failed previous;
    private volatile String stopReason;

    /** @param cause the root of the error the record failed with, the same object wherever it resurfaces */
    private record Failed(String record, long at, Throwable cause) {}

    /** How many stream threads failed within the last {@link #WINDOW}. */
    public synchronized int recentFailures() {
        long now = System.nanoTime();
        return (int) recentFailures.stream()
                .filter(at -> now - at <= WINDOW.toNanos())
                .count();
    }

    /** Why the policy stopped the app; empty while it runs, or if it stopped for another reason. */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /**
     * Told by an exception handler which record a task failed on, just before its thread fails. The first name stands:
     * a stream thread's tasks share its transactional producer, so the error of a refused write resurfaces, as the
     * cause of later errors, at the next operations of the same task and of the thread's other tasks, which are about
     * other records.
     *
     * @param record null when no record can be named
     */
    synchronized void failedOn(TaskId task, String record, Exception error) {
        LOG.error("processing {} failed", record == null ? "(no record)" : record, error);
        if (record != null) {
            pending.putIfAbsent(task, new Failed(record, System.nanoTime(), rootOf(error)));
        }
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable error) {
        long now = System.nanoTime();
        pending.values().removeIf(failed -> now - failed.at() > WINDOW.toNanos());
        String record = firstWithTheSameCause(error)
                .or(() -> Optional.ofNullable(taskOf(error)).map(pending::remove))
                .or(this::theOnlyPending)
                .map(Failed::record)
                .orElse(null);
        recentFailures.addLast(now);
        while (now - recentFailures.peekFirst() > WINDOW.toNanos()) {
            recentFailures.removeFirst();
        }
        String about = record == null ? "" : " on " + record;
        if (isFatal(error)) {
            return stop(
                    "the JVM failed" + about + ": " + error
                            + " (a record larger than the heap, such as a decompression bomb on a topic without "
                            + Topics.MAX_DECOMPRESSED_MESSAGE_BYTES
                            + ", cannot be read by any Kafka client; see docs/decisions.md #17 and #32)",
                    error);
        }
        if (record != null
                && previous != null
                && record.equals(previous.record())
                && now - previous.at() <= WINDOW.toNanos()) {
            return stop("processing failed twice" + about + ": " + rootMessage(error), error);
        }
        if (recentFailures.size() > MAX_FAILURES) {
            return stop(
                    recentFailures.size() + " stream thread failures within " + WINDOW.toMinutes()
                            + " minutes, the last" + about + ": " + rootMessage(error),
                    error);
        }
        previous = record == null ? null : new Failed(record, now, rootOf(error));
        LOG.error(
                "a stream thread failed{}; replacing it, it resumes from the last committed transaction", about, error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /**
     * The first record that failed with the error this one resurfaces, whichever task it came back in; every record
     * named for that error is forgotten with it.
     */
    private Optional<Failed> firstWithTheSameCause(Throwable error) {
        Set<Throwable> chain = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = error; cause != null && chain.add(cause); cause = cause.getCause()) {
            // Collects the chain; a cycle ends it.
        }
        Optional<Failed> first = pending.values().stream()
                .filter(failed -> chain.contains(failed.cause()))
                .min(Comparator.comparingLong(Failed::at));
        first.ifPresent(origin -> pending.values().removeIf(failed -> failed.cause() == origin.cause()));
        return first;
    }

    /** With one stream thread, the one record waiting is the one; with several, a failure without a task names none. */
    private Optional<Failed> theOnlyPending() {
        if (pending.size() != 1) {
            return Optional.empty();
        }
        Failed only = pending.values().iterator().next();
        pending.clear();
        return Optional.of(only);
    }

    private StreamThreadExceptionResponse stop(String reason, Throwable error) {
        stopReason = reason;
        LOG.error("stopping the streams app: {}", reason, error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private static TaskId taskOf(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamsException streams && streams.taskId().isPresent()) {
                return streams.taskId().get();
            }
        }
        return null;
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
        return rootOf(error).toString();
    }

    private static Throwable rootOf(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
