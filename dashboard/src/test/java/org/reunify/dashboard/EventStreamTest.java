package org.reunify.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.dashboard.http.AllowedHosts;
import org.reunify.dashboard.http.ServerLimits;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;

/**
 * When an event stream gives up on its browser, one that has stopped reading: the server alone, fed as the totals feed
 * would feed it.
 */
class EventStreamTest {

    private static final Instant AT = Instant.parse("2025-12-03T16:04:32.117Z");
    private static final String EVENTS =
            "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";

    private DashboardServer server;
    private RawClient stopped;
    private long deported = 100;

    @AfterEach
    void stop() throws IOException {
        stopped.close();
        server.close();
    }

    @Test
    void aStreamWhoseWritesMakeNoProgressForTheAnswerTimeoutIsDroppedWithNoMoreChangesComing() throws Exception {
        start(Duration.ofMillis(500));
        // Far more than the connection's buffers hold, fewer than the stream's queue: its write blocks, and stays so.
        for (int i = 0; i < 990; i++) {
            change();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> server.openStreams() == 0);
        assertThat(server.openConnections()).isZero();
    }

    @Test
    void aStreamThatFallsAWholeQueueBehindIsDroppedWithoutWaitingForTheTimeout() throws Exception {
        start(Duration.ofMinutes(10));

        int changes = 0;
        while (server.openStreams() > 0) {
            change();
            changes++;
        }

        assertThat(changes).isGreaterThanOrEqualTo(1_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
    }

    private void start(Duration answerTimeout) throws IOException {
        server = DashboardServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                Suppression.NONE,
                AllowedHosts.of("127.0.0.1", List.of()),
                new ServerLimits(4, 4, Duration.ofSeconds(10), answerTimeout, 1_024, 100, 8, 4));
        change();
        stopped = RawClient.connectNotReading(server.uri(), "127.0.0.2").send(EVENTS);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openStreams() == 1);
    }

    /** One more child deported from Donetsk Oblast: one changed tally, one event on every stream. */
    private void change() {
        deported++;
        Tally donetsk = Tally.of("UA-14", deported, 0, AT.plusSeconds(deported));
        server.listener().onTotals(List.of(donetsk), Tallies.complete(List.of(donetsk)));
    }
}
