package org.reunify.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads {@code /api/events} as a browser's EventSource would, one event at a time. */
public final class EventStreamClient implements AutoCloseable {

    /** One Server-Sent Event: its name and data. */
    public record Event(String name, String data) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;

    public EventStreamClient(URI dashboard) {
        HttpRequest request = HttpRequest.newBuilder(dashboard.resolve("api/events"))
                .header("Accept", "text/event-stream")
                .build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(reply -> {
            status = reply.statusCode();
            Thread reader = new Thread(() -> read(reply.body()), "event-stream-client");
            reader.setDaemon(true);
            reader.start();
        });
    }

    private void read(Stream<String> lines) {
        String[] name = {null};
        StringBuilder data = new StringBuilder();
        try (lines) {
            lines.forEach(line -> {
                if (line.startsWith("event: ")) {
                    name[0] = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring("data: ".length()));
                } else if (line.isEmpty() && name[0] != null) {
                    events.add(new Event(name[0], data.toString()));
                    name[0] = null;
                    data.setLength(0);
                }
            });
        } catch (RuntimeException e) {
            // closed by the test
        }
    }

    /** The next event, failing the test if none comes within {@code timeout}. */
    public Event next(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError(
                    "no event on /api/events within " + timeout.toSeconds() + " s (HTTP status " + status + ")");
        }
        return event;
    }

    /** Every event until none arrives for {@code quiet}. */
    public List<Event> drain(Duration quiet) throws InterruptedException {
        List<Event> drained = new ArrayList<>();
        for (Event event; (event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null; ) {
            drained.add(event);
        }
        return drained;
    }

    @Override
    public void close() {
        response.thenAccept(reply -> reply.body().close());
        response.cancel(true);
    }
}
