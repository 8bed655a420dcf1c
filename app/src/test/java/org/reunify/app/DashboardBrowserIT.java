package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.reunify.app.support.EventLines.deportation;
import static org.reunify.app.support.EventLines.returned;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.reunify.app.support.Figures;
import org.reunify.dashboard.HeadlessChromium;
import org.reunify.testkit.KafkaBroker;
import org.reunify.testkit.KafkaBrokerExtension;

/**
 * The dashboard in a real browser ({@link HeadlessChromium}), against the real pipeline on a real broker. One browser
 * for the class, a fresh page for every test; the tests that only read share one pipeline of the three events below,
 * and each test that publishes has a broker and a pipeline of its own, so that the figures it expects are the three
 * events and its own, in any order of the tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private ChromeDriver browser;
    /** The pipeline of the tests that only read. */
    private LiveDashboard shared;
    /** The broker and the pipeline of a test that publishes, while it runs. */
    private KafkaBroker ownBroker;

    private LiveDashboard own;

    @BeforeAll
    void startBrowserAndSharedDashboard() throws IOException {
        browser = HeadlessChromium.start(dir.resolve("chromium"));
        shared = new LiveDashboard(kafka.broker().clientConfig(), dir.resolve("shared"), null);
        publishThreeEvents(shared, kafka.broker());
    }

    @AfterEach
    void freshPage() {
        HeadlessChromium.blank(browser);
        if (own != null) {
            own.close();
            own = null;
        }
        if (ownBroker != null) {
            ownBroker.close();
            ownBroker = null;
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (shared != null) {
            shared.close();
        }
    }

    @Test
    void aNewEventReachesTheHeadlineAndItsRegionsTileWithoutAReload() throws IOException {
        LiveDashboard dashboard = ownDashboard();
        browser.get(dashboard.uri().toString());
        awaitText(By.id("headline-deported"), "3");
        awaitText(tileOutstanding("UA-14"), "2");
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

        dashboard.publish(deportation("n-4", "c-4", "UA-14"));

        awaitText(By.id("headline-deported"), "4");
        awaitText(By.id("headline-outstanding"), "4");
        awaitText(tileOutstanding("UA-14"), "3");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument === true;"))
                .as("the page was not reloaded")
                .isEqualTo(true);
        assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("Live");
    }

    @Test
    void theTimelineChartsTheMonthsTheChildrenWereTakenAndReturnedIn() throws IOException {
        LiveDashboard dashboard = ownDashboard();
        browser.get(dashboard.uri().toString());
        browser.findElement(By.cssSelector(".months summary")).click();
        awaitTexts(By.cssSelector("#months-rows tr"), List.of("May 2022 3 0"));
        assertThat(browser.findElements(By.cssSelector("#timeline-chart rect.bar-taken")))
                .hasSize(1);

        dashboard.publish(returned("n-5", "c-1", "UA-14"));

        awaitTexts(By.cssSelector("#months-rows tr"), List.of("May 2022 3 0", "Dec 2025 0 1"));
        assertThat(browser.findElements(By.cssSelector("#timeline-chart rect.bar-back")))
                .hasSize(1);
        assertThat(browser.findElement(By.id("timeline-chart-desc")).getAttribute("textContent"))
                .contains("from May 2022 to Dec 2025: 3 taken and 1 returned");
    }

    @Test
    void theChartOverTimeListsTheNationsLargestChangeForAKeyboardUser() {
        browser.get(shared.uri().toString());
        WebElement jump = awaitJump("deported +3, returned ±0, outstanding +3");
        assertThat(browser.findElements(By.cssSelector("#over-time-chart path.line")))
                .hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#over-time-chart .jump")))
                .hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#daily-rows tr"))).hasSize(1);

        focusByTabbing(jump);
        jump.sendKeys(Keys.ENTER);

        assertThat(jump.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector("#over-time-chart .jump")).getAttribute("class"))
                .contains("chosen");
        assertThat(browser.findElement(By.id("jump-detail")).getText())
                .endsWith(": 3 deported, 0 returned, 3 outstanding.");
    }

    @Test
    void choosingARegionsTileChartsThatRegion() {
        browser.get(shared.uri().toString());
        awaitJump("deported +3, returned ±0, outstanding +3");

        browser.findElement(By.cssSelector(".tile[data-region='UA-14']")).click();

        awaitText(By.id("over-time-region"), "Donetsk Oblast");
        awaitJump("deported +2, returned ±0, outstanding +2");
        assertThat(browser.findElement(By.cssSelector(".tile[data-region='UA-14']"))
                        .getAttribute("aria-pressed"))
                .isEqualTo("true");
    }

    @Test
    void theDestinationsPanelShowsOutstandingByDestinationWithTheirNames() {
        browser.get(shared.uri().toString());

        awaitTexts(By.cssSelector("#destination-bars .bar-name"), List.of("Russia", "Belarus", "Unknown"));
        assertThat(texts(By.cssSelector("#destination-bars .bar-value"))).containsExactly("2", "1", "0");
    }

    @Test
    void aNewEventReachesTheChartAndTheDestinationsWithoutAReload() throws IOException {
        LiveDashboard dashboard = ownDashboard();
        browser.get(dashboard.uri().toString());
        awaitJump("deported +3, returned ±0, outstanding +3");
        awaitTexts(By.cssSelector("#destination-bars .bar-value"), List.of("2", "1", "0"));
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

        dashboard.publish(deportation("n-4", "c-4", "UA-14", "KP"));

        awaitJump("deported +4, returned ±0, outstanding +4");
        awaitTexts(
                By.cssSelector("#destination-bars .bar-name"), List.of("Russia", "Belarus", "North Korea", "Unknown"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument === true;"))
                .as("the page was not reloaded")
                .isEqualTo(true);
    }

    @Test
    void inUkrainianTheChartAndTheDestinationsSpeakUkrainian() throws IOException {
        browser.get(shared.uri().toString());
        awaitJump("deported +3, returned ±0, outstanding +3");

        browser.findElement(By.id("language")).click();

        awaitJump("депортовано +3, повернуто ±0, не повернуто +3");
        assertThat(browser.findElement(By.id("over-time-title")).getText()).isEqualTo("Динаміка: Україна, усі регіони");
        awaitTexts(By.cssSelector("#destination-bars .bar-name"), List.of("Росія", "Білорусь", "Невідомо"));
    }

    @Test
    void aKeyboardUserReachesATileAndHearsItsFigures() {
        browser.get(shared.uri().toString());
        awaitText(tileOutstanding("UA-14"), "2");
        WebElement donetsk = browser.findElement(By.cssSelector(".tile[data-region='UA-14']"));

        focusByTabbing(donetsk);

        assertThat(donetsk.getAttribute("aria-label"))
                .isEqualTo("Donetsk Oblast: 2 outstanding, 2 deported, 0 returned");
        WebElement tooltip = browser.findElement(By.id("tooltip"));
        assertThat(tooltip.isDisplayed()).isTrue();
        assertThat(tooltip.getText()).contains("Donetsk Oblast", "Deported: 2", "Returned: 0", "Outstanding: 2");
    }

    @Test
    void theLanguageSwitchShowsUkrainianLabelsAndRegionNames() {
        browser.get(shared.uri().toString());
        awaitText(tileOutstanding("UA-14"), "2");

        browser.findElement(By.id("language")).click();

        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("uk");
        assertThat(browser.findElement(By.cssSelector(".figure dt")).getText()).isEqualTo("Депортовано");
        assertThat(browser.findElement(By.cssSelector(".tile[data-region='UA-14'] .tile-name"))
                        .getText())
                .isEqualTo("Донецька");
        assertThat(browser.findElement(By.id("language")).getText()).isEqualTo("English");
    }

    @Test
    void theTableSortsByAColumnWhenItsHeadingIsChosen() {
        browser.get(shared.uri().toString());
        awaitText(tileOutstanding("UA-14"), "2");
        assertThat(firstRowRegion()).as("sorted by outstanding, largest first").isEqualTo("UA-14");

        browser.findElement(By.cssSelector("th[data-key='name'] button")).click();

        assertThat(browser.findElement(By.cssSelector("th[data-key='name']")).getAttribute("aria-sort"))
                .isEqualTo("ascending");
        assertThat(browser.findElement(By.cssSelector("th[data-key='outstanding']"))
                        .getAttribute("aria-sort"))
                .isEqualTo("none");
        assertThat(firstRowRegion())
                .as("Autonomous Republic of Crimea comes first by name")
                .isEqualTo("UA-43");
    }

    /** The three events every test starts from, published and counted. */
    private static void publishThreeEvents(LiveDashboard dashboard, KafkaBroker broker) throws IOException {
        dashboard.publish(
                deportation("n-1", "c-1", "UA-14"),
                deportation("n-2", "c-2", "UA-14"),
                deportation("n-3", "c-3", "UA-63", "BY"));
        Figures.awaitTotals(broker.clientConfig(), Map.of("UA", "3/0/3", "UA-14", "2/0/2", "UA-63", "1/0/1"));
    }

    /** For a test that publishes: the three events on a broker and a pipeline of its own, closed after the test. */
    private LiveDashboard ownDashboard() throws IOException {
        ownBroker = KafkaBroker.start();
        own = new LiveDashboard(ownBroker.clientConfig(), dir.resolve("own-" + System.nanoTime()), null);
        publishThreeEvents(own, ownBroker);
        return own;
    }

    /** The one largest change listed, once it reads {@code changes} after its date; the button that lists it. */
    private WebElement awaitJump(String changes) {
        By jump = By.cssSelector("#jumps .jump-button");
        await().atMost(WITHIN)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(texts(jump))
                        .singleElement(InstanceOfAssertFactories.STRING)
                        .matches(Pattern.compile("\\d{1,2} \\S+ \\d{4}( р\\.)?: " + Pattern.quote(changes))));
        return browser.findElement(jump);
    }

    private void awaitTexts(By elements, List<String> expected) {
        await().atMost(WITHIN)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(texts(elements)).isEqualTo(expected));
    }

    private List<String> texts(By elements) {
        return browser.findElements(elements).stream().map(WebElement::getText).toList();
    }

    private String firstRowRegion() {
        return browser.findElement(By.cssSelector("#rows tr")).getAttribute("data-region");
    }

    private void focusByTabbing(WebElement target) {
        WebElement body = browser.findElement(By.tagName("body"));
        body.click();
        for (int i = 0; i < 60 && !target.equals(browser.switchTo().activeElement()); i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(browser.switchTo().activeElement())
                .as("the tile is reachable with Tab")
                .isEqualTo(target);
    }

    private static By tileOutstanding(String region) {
        return By.cssSelector(".tile[data-region='" + region + "'] .tile-outstanding");
    }

    private void awaitText(By element, String text) {
        await().atMost(WITHIN)
                .ignoreExceptions()
                .untilAsserted(
                        () -> assertThat(browser.findElement(element).getText()).isEqualTo(text));
    }
}
