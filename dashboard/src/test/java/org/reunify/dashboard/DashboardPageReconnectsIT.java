package org.reunify.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.dashboard.http.AllowedHosts;
import org.reunify.dashboard.http.ServerLimits;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;

/**
 * The page in a real browser ({@link HeadlessChromium}) when it loses its event stream: it says so, comes back by
 * itself and shows the figures of then. The server is fed directly, as the totals feed would feed it.
 */
class DashboardPageReconnectsIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final Instant AT = Instant.parse("2025-12-03T16:04:32.117Z");
    private static final String LIVE = "Live";
    private static final String RECONNECTING = "Connection lost, reconnecting…";

    @TempDir
    static Path dir;

    /** One browser for the class, a fresh page for each test. */
    private static ChromeDriver browser;

    private DashboardServer server;
    private long deported = 100;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start(dir.resolve("chromium"));
    }

    @AfterEach
    void stop() {
        HeadlessChromium.blank(browser);
        server.close();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aClosedStreamIsReconnectedAndTheCompleteListingReplacesWhatThePageShowed() {
        start(0, ServerLimits.DEFAULT);
        int port = server.uri().getPort();
        open();

        server.close();
        awaitText(By.id("connection"), RECONNECTING);
        deported = 150;
        start(port, ServerLimits.DEFAULT);

        awaitText(By.id("connection"), LIVE);
        awaitText(By.id("headline-deported"), "150");
    }

    @Test
    void aStreamRefusedForTooManyOpenIsTriedAgainUntilOneIsFree() throws IOException {
        ServerLimits onePerClient =
                new ServerLimits(4, 4, Duration.ofSeconds(10), Duration.ofSeconds(30), 1_024, 100, 4, 1);
        start(0, onePerClient);
        RawClient other = RawClient.connect(server.uri(), "127.0.0.1")
                .send("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
        assertThat(other.readHead().status()).isEqualTo(200);

        browser.get(server.uri().toString());
        awaitText(By.id("connection"), RECONNECTING);
        other.close();

        // The server notices the closed connection when it next writes to it: each change is a write.
        await().atMost(WITHIN).until(() -> {
            change();
            return LIVE.equals(browser.findElement(By.id("connection")).getText());
        });
        awaitText(By.id("headline-deported"), String.valueOf(deported));
    }

    private void start(int port, ServerLimits limits) {
        server = DashboardServer.start(
                new InetSocketAddress("127.0.0.1", port),
                Suppression.NONE,
                AllowedHosts.of("127.0.0.1", List.of()),
                limits);
        feed();
    }

    private void open() {
        browser.get(server.uri().toString());
        awaitText(By.id("connection"), LIVE);
        awaitText(By.id("headline-deported"), String.valueOf(deported));
    }

    private void change() {
        deported++;
        feed();
    }

    private void feed() {
        List<Tally> tallies = List.of(Tally.of("UA-14", deported, 0, AT), Tally.of("UA", deported, 0, AT));
        server.listener().onTotals(tallies, Tallies.complete(tallies));
    }

    private void awaitText(By element, String text) {
        await().atMost(WITHIN)
                .ignoreExceptions()
                .untilAsserted(
                        () -> assertThat(browser.findElement(element).getText()).isEqualTo(text));
    }
}
