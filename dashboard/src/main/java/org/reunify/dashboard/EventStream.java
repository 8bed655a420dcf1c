package org.reunify.dashboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.reunify.dashboard.live.ServerSentEvent;
import org.reunify.dashboard.live.Subscribers;

/**
 * One open {@code /api/events} connection. Changes queue up here and are written as the browser takes them, one
 * write at a time and no thread held meanwhile, so a slow browser never holds up the totals feed. One that falls a
 * whole queue behind, or whose write makes no progress for the server's answer timeout (Jetty's idle timeout), is
 * dropped: its connection is closed, and its {@code EventSource} reconnects and starts again from the complete
 * listing. (Kept open, it would get keep-alives only and show "Live" forever.)
 */
final class EventStream implements Subscribers.Subscriber {

    private static final int QUEUE = 1_000;
    /** Within the answer timeout, so that an idle stream is never taken for a stalled one. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private static final byte[] COMMENT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RETRY = "retry: 2000\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = new byte[0];

    private final Queue<byte[]> queue = new ArrayDeque<>();
    private final Response response;
    private final EndPoint connection;
    private final Scheduler scheduler;
    private volatile Writer writer;
    private Scheduler.Task keepAlive;

    /** @param connection the stream's connection, closed to drop the stream whatever its write is waiting for */
    EventStream(Response response, EndPoint connection, Scheduler scheduler) {
        this.response = response;
        this.connection = connection;
        this.scheduler = scheduler;
        queue.add(RETRY);
    }

    /**
     * Starts writing: the retry interval, then whatever is offered, with keep-alives while nothing changes.
     *
     * @param done completed when the stream ends: succeeded after {@link #end()}, failed when the browser went away or
     *     the stream was dropped
     */
    void open(Callback done) {
        writer = new Writer(done);
        scheduleKeepAlive();
        writer.iterate();
    }

    @Override
    public boolean offer(ServerSentEvent event) {
        synchronized (this) {
            if (queue.size() >= QUEUE) {
                connection.close(new IOException("event stream dropped: " + QUEUE + " changes behind"));
                return false;
            }
            queue.add(event.toBytes());
        }
        writer.iterate();
        return !writer.isClosed();
    }

    /** Ends the response as usual after what was written: the server is closing. */
    void end() {
        synchronized (this) {
            queue.clear();
            queue.add(END);
        }
        writer.iterate();
    }

    private synchronized void scheduleKeepAlive() {
        keepAlive = scheduler.schedule(this::keepAlive, KEEP_ALIVE);
    }

    private void keepAlive() {
        if (writer.isClosed()) {
            return;
        }
        synchronized (this) {
            if (queue.isEmpty()) {
                queue.add(COMMENT);
            }
        }
        writer.iterate();
        scheduleKeepAlive();
    }

    private synchronized byte[] next() {
        return queue.poll();
    }

    private synchronized void stopKeepAlive() {
        if (keepAlive != null) {
            keepAlive.cancel();
        }
    }

    /** Writes the queue out, one write at a time, as each completes. */
    private final class Writer extends IteratingCallback {

        private final Callback done;

        Writer(Callback done) {
            this.done = done;
        }

        @Override
        protected Action process() {
            byte[] next = next();
            if (next == null) {
                return Action.IDLE;
            }
            if (next == END) {
                return Action.SUCCEEDED;
            }
            response.write(false, ByteBuffer.wrap(next), this);
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteSuccess() {
            stopKeepAlive();
            response.write(true, null, done);
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            stopKeepAlive();
            done.failed(cause);
        }
    }
}
