package org.bayan.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's chromium driven through chromium-driver, headless, with a fresh profile. Where either is missing
 * (a developer laptop) the browser tests are skipped with one line saying so; {@code .ci/run} installs both.
 */
final class Browser {

    static final String CHROMIUM = System.getProperty("bayan.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("bayan.chromedriver", "/usr/bin/chromedriver");

    private Browser() {
    }

    static void assumeInstalled() {
        boolean present = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
        if (!present) {
            System.out.println("SKIPPED browser tests: " + CHROMIUM + " or " + DRIVER
                    + " is missing (apt-get install chromium chromium-driver; .ci/run does this)");
        }
        Assumptions.assumeTrue(present, "chromium and chromium-driver are not installed");
    }

    static ChromeDriver start(String language) throws IOException {
        Path profile = Files.createTempDirectory("bayan-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + profile, "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return driver;
    }
}
