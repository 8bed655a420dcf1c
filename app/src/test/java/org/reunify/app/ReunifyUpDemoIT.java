package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.reunify.app.support.ReunifyProcesses.freePort;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Reliability;
import org.reunify.app.support.ReunifyProcesses;
import org.reunify.dashboard.HeadlessChromium;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.postgres.Database;
import org.reunify.sink.postgres.PostgresTallies;
import org.reunify.testkit.PostgresServer;

/**
 * The README's main job as a user runs it: {@code java -jar reunify.jar up --demo} in its own process, stopped with
 * SIGTERM or killed with SIGKILL, and started again on the same data dir. The README's screenshots of the dashboard
 * are taken here, of the demo's figures.
 */
class ReunifyUpDemoIT {

    private static final String DEC_2025 = "demo: UA 19,546 deported, 1,859 returned, 17,687 outstanding";
    private static final Duration DEMO_WITHIN = Duration.ofMinutes(5);
    /** Where the screenshots go: {@code -Dreunify.screenshots=../docs} for the README's. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("reunify.screenshots", "target/screenshots"));

    @TempDir
    Path dir;

    private final ReunifyProcesses reunify = new ReunifyProcesses();

    @AfterEach
    void killLeftovers() {
        reunify.close();
    }

    @Test
    void upDemoCountsTheDecember2025FiguresAndARestartCountsNothingTwice() throws Exception {
        String[] up = up();
        String bootstrap = "127.0.0.1:" + up[3];
        Path log = dir.resolve("up.log");

        ReunifyProcesses.Running first = reunify.startLoggingTo(log, up);
        first.awaitLine(DEC_2025, DEMO_WITHIN);
        assertThat(first.lines)
                .anyMatch(line -> line.startsWith("demo: published ") && line.contains("from 5 agencies"));
        assertThat(Files.readAllLines(log))
                .as("the demo's agencies exist before the streams app subscribes (decision #25)")
                .noneMatch(line -> line.contains("a stream thread failed"));
        assertNational(totalsJson(bootstrap));
        assertThat(Figures.of(TallyJson.fromJsonArray(
                        Figures.read(new TallyFiles(dir.resolve("data").resolve("tallies")).json()))))
                .containsEntry("UA", "19546/1859/17687");
        assertNational(dashboardJson(up[7]));
        screenshotTheDashboard(up[7]);
        ReunifyProcesses.Running status = reunify.run(
                "status",
                "--bootstrap",
                bootstrap,
                "--sink-dir",
                dir.resolve("data").resolve("tallies").toString());
        assertThat(status.process.exitValue())
                .as(String.join("\n", status.lines))
                .isZero();
        assertThat(first.stop()).as("exit code after SIGTERM").isIn(0, 143);

        ReunifyProcesses.Running second = reunify.start(up);
        second.awaitLine(DEC_2025, DEMO_WITHIN);
        assertThat(second.lines).anyMatch(line -> line.contains("already in this data dir"));
        assertNational(totalsJson(bootstrap));
        second.stop();
    }

    @Test
    void upWithAJdbcUrlKeepsTheDemoFiguresInPostgresqlBesideTheFiles() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            Database database = new Database(postgres.createDatabase(), postgres.user(), postgres.password());
            List<String> up = new ArrayList<>(List.of(up()));
            up.addAll(List.of("--jdbc-url", database.jdbcUrl(), "--db-user", database.user()));

            ReunifyProcesses.Running running = reunify.start(up.toArray(String[]::new));
            running.awaitLine(DEC_2025, DEMO_WITHIN);

            await().atMost(Duration.ofMinutes(1))
                    .untilAsserted(() -> assertNational(Tallies.complete(PostgresTallies.tallies(database))));
            await().atMost(Duration.ofMinutes(1))
                    .untilAsserted(() -> assertThat(TallyJson.fromJsonArray(Figures.read(
                                    new TallyFiles(dir.resolve("data").resolve("tallies")).json())))
                            .isEqualTo(Tallies.complete(PostgresTallies.tallies(database))));
            running.stop();
        }
    }

    @Test
    void upKilledWithSigkillMidDemoAndStartedAgainEndsWithTotalsTheReplayVerifies() throws Exception {
        String[] up = up();
        ReunifyProcesses.Running first = reunify.start(up);
        first.awaitLine("reunify is up.", DEMO_WITHIN);
        Thread.sleep(1_000 + new Random().nextInt(3_000));
        first.kill();

        ReunifyProcesses.Running second = reunify.startLoggingTo(dir.resolve("restart.log"), up);
        second.awaitLine(DEC_2025, DEMO_WITHIN);
        ReunifyProcesses.Running verify = reunify.run(
                "replay",
                "--verify",
                "--bootstrap",
                "127.0.0.1:" + up[3],
                "--sink-dir",
                dir.resolve("data").resolve("tallies").toString());

        assertThat(verify.process.exitValue())
                .as("replay --verify: %s", verify.lines)
                .isZero();
        assertThat(verify.lines).anyMatch(line -> line.startsWith("verified:"));
        Reliability.record(
                "`reunify up` killed (SIGKILL) mid-demo, restarted",
                1,
                1,
                Reliability.measure(Map.of("bootstrap.servers", "127.0.0.1:" + up[3])));
        second.stop();
    }

    private String[] up() throws Exception {
        return new String[] {
            "up",
            "--demo",
            "--port",
            String.valueOf(freePort()),
            "--controller-port",
            String.valueOf(freePort()),
            "--http-port",
            String.valueOf(freePort()),
            "--data-dir",
            dir.resolve("data").toString()
        };
    }

    /**
     * The whole page in English and in Ukrainian, once the demo's figures and its years of months are drawn:
     * {@code dashboard.png} and {@code dashboard-uk.png}.
     */
    private void screenshotTheDashboard(String httpPort) throws IOException {
        ChromeDriver browser = HeadlessChromium.start(dir.resolve("chromium"));
        try {
            browser.get("http://127.0.0.1:" + httpPort + "/");
            await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() -> {
                assertThat(browser.findElement(By.id("headline-deported")).getText())
                        .isEqualTo("19,546");
                assertThat(browser.findElement(By.id("headline-returned")).getText())
                        .isEqualTo("1,859");
                assertThat(browser.findElements(By.cssSelector("#timeline-chart text.year-label")))
                        .as("a label for every other year of deportations, 2014 to 2025")
                        .hasSizeGreaterThanOrEqualTo(5);
            });
            screenshot(browser, "dashboard.png");
            browser.findElement(By.id("language")).click();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(
                                    browser.findElement(By.id("timeline-title")).getText())
                            .startsWith("Коли це сталося"));
            screenshot(browser, "dashboard-uk.png");
        } finally {
            browser.quit();
        }
    }

    /** The whole page: the window grown to its height first. */
    private static void screenshot(ChromeDriver browser, String name) throws IOException {
        Object height = browser.executeScript("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(1400, ((Number) height).intValue()));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOTS);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void assertNational(List<Tally> tallies) {
        assertThat(tallies).hasSize(28).isSortedAccordingTo((a, b) -> a.code().compareTo(b.code()));
        assertThat(Figures.of(tallies)).containsEntry("UA", "19546/1859/17687");
    }

    /** What the dashboard's API serves: the page reads the same. */
    private static List<Tally> dashboardJson(String httpPort) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/totals"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return TallyJson.fromJsonArray(response.body());
    }

    private List<Tally> totalsJson(String bootstrap) throws Exception {
        ReunifyProcesses.Running totals = reunify.run("totals", "--format", "json", "--bootstrap", bootstrap);
        assertThat(totals.process.exitValue()).isZero();
        return TallyJson.fromJsonArray(String.join("\n", totals.lines));
    }
}
