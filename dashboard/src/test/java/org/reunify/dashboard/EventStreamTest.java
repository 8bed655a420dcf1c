package org.reunify.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When an event stream gives up on its browser: the writer is cut, whatever it is waiting for. */
class EventStreamTest {

    private static final Duration SHORT_STALL = Duration.ofMillis(500);
    private static final Duration LONG_STALL = Duration.ofMinutes(10);
    private static final ServerSentEvent CHANGE = new ServerSentEvent("tally", 1, "{\"region\":\"UA-14\"}");

    private final Watchdog watchdog = new Watchdog(Duration.ofMillis(50));

    @AfterEach
    void stop() {
        watchdog.close();
    }

    @Test
    void aWriteBlockedLongerThanTheStallLimitDropsTheStreamWithNoMoreChangesComing() throws Exception {
        // A pipe nobody reads takes 1,024 bytes, then blocks the writer as a full socket would.
        PipedOutputStream unread = new PipedOutputStream(new PipedInputStream());
        CompletableFuture<EventStream> stream = new CompletableFuture<>();

        CompletableFuture<Void> writing = write(stream, unread, SHORT_STALL);
        for (int i = 0; i < 100; i++) {
            assertThat(stream.get(10, TimeUnit.SECONDS).offer(CHANGE)).isTrue();
        }

        assertThatThrownBy(() -> writing.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(InterruptedIOException.class);
    }

    @Test
    void aStreamThatFallsAWholeQueueBehindIsDropped() throws Exception {
        PipedOutputStream unread = new PipedOutputStream(new PipedInputStream());
        CompletableFuture<EventStream> stream = new CompletableFuture<>();
        CompletableFuture<Void> writing = write(stream, unread, LONG_STALL);

        int offered = 0;
        while (stream.get(10, TimeUnit.SECONDS).offer(CHANGE)) {
            offered++;
        }

        assertThat(offered).isGreaterThanOrEqualTo(1_000);
        // Cut while blocked on the full pipe, or while waiting for the next change: either way the connection is
        // closed.
        assertThatThrownBy(() -> writing.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(UncheckedIOException.class);
    }

    /** The connection's thread: watched as the server watches it, and writing until the stream ends. */
    private CompletableFuture<Void> write(
            CompletableFuture<EventStream> stream, PipedOutputStream out, Duration stall) {
        return CompletableFuture.runAsync(
                () -> {
                    try (Watchdog.Watch watch = watchdog.watch(stall)) {
                        EventStream created = new EventStream(watch, stall);
                        stream.complete(created);
                        created.writeUntilClosed(out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                task -> new Thread(task, "event-stream-writer").start());
    }
}
