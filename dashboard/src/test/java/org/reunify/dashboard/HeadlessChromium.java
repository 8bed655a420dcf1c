package org.reunify.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The browser of the browser tests: Debian's headless Chromium, driven through its chromedriver. {@code bash .ci/run}
 * installs both packages when they are missing.
 */
public final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of(System.getProperty("reunify.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("reunify.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {}

    /** A new browser with its profile in {@code profile}; quit it when done. */
    public static ChromeDriver start(Path profile) {
        return start(profile, new String[0]);
    }

    /**
     * Leaves the page for a blank one, the storage of its site cleared first (the dashboard keeps the language chosen
     * there): in a browser that the tests of a class share, the next page a test opens is as a first visit's.
     */
    public static void blank(ChromeDriver browser) {
        if (browser.getCurrentUrl().startsWith("http")) {
            browser.executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
        }
        browser.manage().deleteAllCookies();
        browser.get("about:blank");
    }

    /** The same with more of Chromium's command-line switches. */
    public static ChromeDriver start(Path profile, String... switches) {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as(
                        "the browser test needs Debian's chromium and chromium-driver (%s, %s): "
                                + "apt-get install chromium chromium-driver, as bash .ci/run does",
                        CHROMIUM, CHROMEDRIVER)
                .isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps dialling Google's hosts, which this network refuses.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1500",
                "--user-data-dir=" + profile);
        options.addArguments(switches);
        return new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .build(),
                options);
    }
}
