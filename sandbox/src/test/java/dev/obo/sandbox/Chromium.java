package dev.obo.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.obo.sandbox.junit.BrowserlessUser;

/**
 * A person at a real browser: Debian's headless Chromium driven by Debian's chromedriver
 * (never a driver download: the machine is offline), kept off the network, each with a fresh
 * profile. Unlike {@link BrowserlessUser}, it enforces what a browser enforces: CSP,
 * {@code X-Frame-Options}, scripts.
 */
public final class Chromium implements AutoCloseable {

    private static final File BINARY = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    public final ChromeDriver driver;

    public Chromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build(), options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public static boolean available() {
        return BINARY.canExecute() && DRIVER.canExecute();
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement waitFor(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    public void type(String css, String text) {
        waitFor(css).sendKeys(text);
    }

    public void click(String css) {
        waitFor(css).click();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
