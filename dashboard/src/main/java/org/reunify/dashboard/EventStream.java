package org.reunify.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open {@code /api/events} connection. Changes queue up here and the connection's own thread writes them, so a
 * slow browser never holds up the totals feed. One that falls a whole queue behind, or whose write stays blocked
 * for {@link HttpLimits#streamStall()}, is dropped: its connection is closed, and its {@code EventSource} reconnects
 * and starts again from the complete listing. (Kept open, it would get keep-alives only and show "Live" forever.)
 */
final class EventStream implements Subscribers.Subscriber {

    private static final int QUEUE = 1_000;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final byte[] COMMENT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RETRY = "retry: 2000\n\n".getBytes(StandardCharsets.UTF_8);
    private static final ServerSentEvent END = new ServerSentEvent("end", 0, "");

    private final BlockingQueue<ServerSentEvent> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Watchdog.Watch writer;
    private final Duration stall;

    /**
     * @param writer the watch on the thread that will {@link #writeUntilClosed write}: how the stream is dropped
     */
    EventStream(Watchdog.Watch writer, Duration stall) {
        this.writer = writer;
        this.stall = stall;
    }

    @Override
    public boolean offer(ServerSentEvent event) {
        if (queue.offer(event)) {
            return true;
        }
        writer.cut();
        return false;
    }

    /** Makes {@link #writeUntilClosed} return, the response ended as usual: the server is closing. */
    void end() {
        queue.clear();
        queue.offer(END);
    }

    /**
     * Writes every change until the browser goes away, the stream is dropped or {@link #end()}; the caller's thread
     * is the connection's.
     *
     * @throws IOException when the browser has gone away or the stream was dropped: the connection is being closed
     */
    void writeUntilClosed(OutputStream out) throws IOException {
        write(out, RETRY);
        while (true) {
            writer.suspend();
            ServerSentEvent event;
            try {
                event = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // Dropped while waiting: keep the interrupt, so that ending the response closes the connection.
                Thread.currentThread().interrupt();
                throw new IOException("event stream dropped", e);
            }
            if (event == END) {
                return;
            }
            write(out, event == null ? COMMENT : event.toBytes());
        }
    }

    private void write(OutputStream out, byte[] bytes) throws IOException {
        writer.restart(stall);
        out.write(bytes);
        out.flush();
    }
}
