package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.reunify.app.support.GatewayClient;
import org.reunify.dashboard.HeadlessChromium;
import org.reunify.security.Principals;

/**
 * The page {@code /publish} of {@code up --secure --tls} ({@link GatewayUp}) in Debian's headless Chromium, as a data
 * officer uses it: sign in, drop a file, read what would be refused, confirm, read the receipt; then the dashboard on
 * the same port shows the new figures. In English and in Ukrainian.
 */
class GatewayPageIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String HEADER = "type,eventId,caseId,region,occurredOn,destination,retracts,reason";

    @TempDir
    static Path dir;

    private static SecuredReunify reunify;
    /** One browser for the class, a fresh page for each test. */
    private static ChromeDriver browser;

    @BeforeAll
    static void up() throws Exception {
        reunify = GatewayUp.get();
        // The certificate is up --tls's own, for 127.0.0.1: trusted by its clients through ca.pem, not by this profile.
        browser = HeadlessChromium.start(dir.resolve("chromium"), "--ignore-certificate-errors");
    }

    @AfterEach
    void freshPage() {
        HeadlessChromium.blank(browser);
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOfficerSignsInDropsAFileSeesItsThreeBadLinesPublishesTheRestAndTheDashboardMoves() {
        String agency = "page-en";
        signIn(agency);
        drop(
                "events.csv",
                HEADER,
                "DEPORTATION_REPORTED,p-1,pc-1,UA-21,2022-05-01,RU,,",
                "DEPORTATION_REPORTED,p-2,pc-2,UA-44,2022-05-01,RU,,",
                "DEPORTATION_REPORTED,p-3,pc-3,UA-21,2022-05-01,BY,,",
                "RETURN_CONFIRMED,p-4,pc-1,UA-21,2099-01-01,,,",
                "DEPORTATION_REPORTED,p-5,pc-5,UA-21,2022-05-01,RU,,,",
                "DEPORTATION_REPORTED,p-6,pc-6,UA-23,2022-05-01,,,");

        click("check");
        await().atMost(WITHIN).until(() -> browser.findElement(By.id("dry-run")).isDisplayed());

        assertThat(refusedRows()).containsExactly("3", "5", "6");
        assertThat(text("refused")).contains("UA-44", "occurredOn", "cells");
        assertThat(text("first-lines")).contains("2: DEPORTATION_REPORTED,p-1").doesNotContain("p-2");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("dry-run-title");
        assertThat(browser.findElement(By.id("confirm")).isDisplayed()).isFalse();

        click("confirm-valid");
        await().atMost(WITHIN).until(() -> browser.findElement(By.id("receipt")).isDisplayed());

        assertThat(text("receipt-counts")).contains("Published", "3", "Refused");
        assertThat(browser.findElement(By.id("download")).getAttribute("href")).startsWith("blob:");
        assertThat(text("status")).contains("refused lines");
        browser.get(reunify.http().toString());
        awaitOutstanding("UA-21", "2");
        awaitOutstanding("UA-23", "1");
    }

    @Test
    void theSameInUkrainian() {
        String agency = "page-uk";
        browser.get(reunify.http().resolve("publish").toString());
        click("language");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("uk");
        assertThat(text("sign-in-button")).isEqualTo("Увійти");
        signIn(agency);
        drop(
                "events.jsonl",
                "{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"u-1\",\"caseId\":\"uc-1\",\"region\":\"UA-26\","
                        + "\"occurredOn\":\"2022-05-01\"}",
                "{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"u-2\"}",
                "{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"u-3\",\"caseId\":\"uc-3\",\"region\":\"UA-26\","
                        + "\"occurredOn\":\"2022-05-01\",\"name\":\"x\"}",
                "not json");

        click("check");
        await().atMost(WITHIN).until(() -> browser.findElement(By.id("dry-run")).isDisplayed());
        assertThat(refusedRows()).containsExactly("2", "3", "4");
        assertThat(text("dry-run-title")).isEqualTo("Результат перевірки");

        click("confirm-valid");
        await().atMost(WITHIN).until(() -> browser.findElement(By.id("receipt")).isDisplayed());
        assertThat(text("receipt-counts")).contains("Опубліковано", "Відхилено");
        browser.get(reunify.http().toString());
        awaitOutstanding("UA-26", "1");
    }

    /** The dashboard's tile of the region shows its outstanding figure (each test publishes to regions of its own). */
    private void awaitOutstanding(String region, String outstanding) {
        By tile = By.cssSelector(".tile[data-region='" + region + "'] .tile-outstanding");
        await().atMost(WITHIN)
                .untilAsserted(
                        () -> assertThat(browser.findElement(tile).getText()).isEqualTo(outstanding));
    }

    private void signIn(String agency) {
        if (!browser.getCurrentUrl().endsWith("/publish")) {
            browser.get(reunify.http().resolve("publish").toString());
        }
        String password = GatewayClient.userAndPassword(reunify.login(Principals.agencyUser(agency)))
                .split(":", 2)[1];
        browser.findElement(By.id("agency")).sendKeys(agency);
        browser.findElement(By.id("password")).sendKeys(password);
        click("sign-in-button");
        await().atMost(WITHIN).until(() -> browser.findElement(By.id("choose")).isDisplayed());
    }

    /** Drops a file on the drop zone, as dragging it from the desktop does. */
    private void drop(String name, String... lines) {
        ((JavascriptExecutor) browser)
                .executeScript(
                        "const transfer = new DataTransfer();"
                                + "transfer.items.add(new File([arguments[1]], arguments[0]));"
                                + "document.getElementById('drop').dispatchEvent("
                                + "new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));",
                        name,
                        String.join("\n", lines) + "\n");
        await().atMost(WITHIN).until(() -> browser.findElement(By.id("check")).isEnabled());
    }

    private List<String> refusedRows() {
        return browser.findElements(By.cssSelector("#refused tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).get(0).getText())
                .toList();
    }

    private void click(String id) {
        browser.findElement(By.id(id)).click();
    }

    private String text(String id) {
        WebElement element = browser.findElement(By.id(id));
        return element.getText();
    }
}
