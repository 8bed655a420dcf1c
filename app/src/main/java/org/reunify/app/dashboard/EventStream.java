package org.reunify.app.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open {@code /api/events} connection. Changes queue up here and the connection's own thread writes them, so a
 * slow browser never holds up the totals feed; one that falls a whole queue behind is dropped, and its
 * {@code EventSource} reconnects and starts again from the complete listing.
 */
final class EventStream implements LiveTotals.Subscriber {

    private static final int QUEUE = 1_000;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final byte[] COMMENT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RETRY = "retry: 2000\n\n".getBytes(StandardCharsets.UTF_8);
    private static final ServerSentEvent END = new ServerSentEvent("end", 0, "");

    private final BlockingQueue<ServerSentEvent> queue = new ArrayBlockingQueue<>(QUEUE);

    @Override
    public boolean offer(ServerSentEvent event) {
        return queue.offer(event);
    }

    /** Makes {@link #writeUntilClosed} return. */
    void end() {
        queue.clear();
        queue.offer(END);
    }

    /** Writes every change until the browser goes away or {@link #end()}; the caller's thread is the connection's. */
    void writeUntilClosed(OutputStream out) throws IOException, InterruptedException {
        out.write(RETRY);
        out.flush();
        while (true) {
            ServerSentEvent event = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
            if (event == END) {
                return;
            }
            out.write(event == null ? COMMENT : event.toBytes());
            out.flush();
        }
    }
}
