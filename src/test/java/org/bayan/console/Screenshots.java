package org.bayan.console;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Takes the README's screenshots from a running demo desk (see README, "Web console"):
 * {@code java -cp … org.bayan.console.Screenshots http://localhost:8080 docs/screenshots demo-password}.
 */
public final class Screenshots {

    private Screenshots() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        Path out = Path.of(args.length > 1 ? args[1] : "docs/screenshots");
        String password = args.length > 2 ? args[2] : "demo-password";
        Files.createDirectories(out);
        ChromeDriver browser = Browser.start("en");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            signIn(browser, wait, base, "responder", password);
            browser.get(base + "/console/queues");
            save(browser, out.resolve("responder-queues.png"));
            List<WebElement> rumorRows = browser.findElements(By.cssSelector("#cases tr[data-case] .cat-rumor"));
            WebElement row = rumorRows.isEmpty() ? browser.findElement(By.cssSelector("#cases tr[data-case]"))
                    : rumorRows.get(0).findElement(By.xpath("./ancestor::tr"));
            browser.get(base + "/console/cases/" + row.getAttribute("data-case"));
            save(browser, out.resolve("responder-case.png"));
            browser.get(base + "/lang/ar?back=/console/queues");
            wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "dir", "rtl"));
            save(browser, out.resolve("responder-queues-ar.png"));
            browser.get(base + "/lang/en?back=/console/queues");
            browser.findElement(By.id("logout")).click();
            signIn(browser, wait, base, "supervisor", password);
            browser.get(base + "/console/dashboard");
            wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("times-chart")), "data-rendered"));
            save(browser, out.resolve("supervisor-dashboard.png"));
            browser.get(base + "/console/rumors");
            save(browser, out.resolve("supervisor-rumors.png"));
        } finally {
            browser.quit();
        }
    }

    private static void signIn(ChromeDriver browser, WebDriverWait wait, String base, String user, String password) {
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlContains("/console/queues"));
    }

    private static void save(ChromeDriver browser, Path file) throws Exception {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("Wrote " + file);
    }
}
