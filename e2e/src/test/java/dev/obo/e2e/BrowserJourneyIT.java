package dev.obo.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;

import dev.obo.sandbox.junit.DemoTenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person does, in a real (headless) Chromium against the three real processes:
 * sign in and see the subscriptions; consent; the MFA one-time code; sign out; the API
 * going away and coming back; continuous access evaluation: sessions revoked by an
 * administrator (sign in again, the list is back) and an account disabled (a page that says so).
 * Each step saves screenshots to look at; how long the revocation took to be enforced goes to
 * {@code target/cae-timings.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserJourneyIT {

    /** How long each continuous access evaluation event took to be enforced, this run's. */
    private static final Path TIMINGS = Path.of("target", "cae-timings.txt");

    private static SystemUnderTest system;
    private Browser browser;

    @BeforeAll
    static void startSystem() throws IOException {
        if (!Browser.available()) {
            System.err.println("""
                    ******************************************************************
                    * BROWSER TESTS SKIPPED: /usr/bin/chromium or /usr/bin/chromedriver
                    * is missing. Install Debian's chromium and chromium-driver
                    * (.ci/run does) to run them.
                    ******************************************************************""");
        }
        Assumptions.assumeTrue(Browser.available(), "Chromium and chromedriver are not installed: browser tests skipped");
        Files.deleteIfExists(TIMINGS);
        system = new SystemUnderTest();
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        browser = new Browser(1280, 900);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    @Order(1)
    void aliceSignsInAndSeesHerTwoSubscriptionsAndHowItWorked() throws IOException {
        browser.open(system.web());
        browser.screenshot("01-signed-out");
        browser.click("#sign-in");
        signIn(DemoTenant.ALICE);

        assertThat(browser.text("h1")).isEqualTo("Hello, Alice Adams");
        assertThat(browser.countOnceShown("#subscriptions tbody tr")).isEqualTo(2);
        assertThat(browser.countOnceShown("#how-this-worked svg")).isEqualTo(1);
        browser.screenshot("02-alice-subscriptions");
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.screenshot("03-alice-phone");
    }

    @Test
    @Order(2)
    void carolConsentsAndComesBackToHerList() throws IOException {
        browser.open(system.web() + "/account/login");
        signIn(DemoTenant.CAROL);
        browser.waitFor("#accept");
        browser.screenshot("04-carol-consent");
        browser.click("#accept");

        assertThat(browser.countOnceShown("#subscriptions tbody tr")).isEqualTo(1);
        browser.screenshot("05-carol-subscriptions");
    }

    @Test
    @Order(3)
    void daveEntersTheOneTimeCodeAndComesBackToHisList() throws IOException {
        browser.open(system.web() + "/account/login");
        signIn(DemoTenant.DAVE);
        String code = browser.text("#one-time-code");
        browser.screenshot("06-dave-mfa");
        browser.type("#code", code);
        browser.click("#verify");

        assertThat(browser.countOnceShown("#subscriptions tbody tr")).isEqualTo(1);
        browser.screenshot("07-dave-subscriptions");
    }

    @Test
    @Order(4)
    void signOutEndsTheSessionAndBackDoesNotShowTheList() throws IOException {
        browser.open(system.web() + "/account/login");
        signIn(DemoTenant.BOB);
        assertThat(browser.countOnceShown("#subscriptions tbody tr")).isEqualTo(1);

        browser.click("#sign-out");
        browser.waitFor("#sign-in");
        browser.screenshot("08-signed-out-again");
        browser.driver.navigate().back();
        browser.waitFor("body");

        assertThat(browser.count("#subscriptions")).isZero();
        browser.screenshot("09-after-back");
    }

    @Test
    @Order(5)
    void apiStoppedShowsTheFriendlyPageAndRetryWorksOnceItIsBack() throws Exception {
        browser.open(system.web() + "/account/login");
        signIn(DemoTenant.BOB);
        system.stopApi();
        try {
            browser.open(system.web() + "/");
            assertThat(browser.text("h1")).isEqualTo("The API is not reachable");
            browser.screenshot("10-api-down");
        } finally {
            system.startApi();
        }
        browser.click("#retry");

        assertThat(browser.countOnceShown("#subscriptions tbody tr")).isEqualTo(1);
        browser.screenshot("11-api-back");
    }

    @Test
    @Order(6)
    void aliceWhoseSessionsAreRevokedIsSentToSignInOnTheNextReloadAndSeesHerListAgain() throws Exception {
        browser.open(system.web() + "/account/login");
        signIn(DemoTenant.ALICE);
        assertThat(browser.countOnceShown("#subscriptions tbody tr")).isEqualTo(2);
        afterThisSecond();

        system.adminUser(DemoTenant.ALICE, "revoke-sessions");
        Instant revoked = Instant.now();
        browser.driver.navigate().refresh();
        browser.waitFor("#password");
        Duration untilRefused = Duration.between(revoked, Instant.now());

        assertThat(browser.driver.getCurrentUrl()).as("the next request was refused: to sign in, with the claims")
                .startsWith(system.authority() + "/").contains("claims=");
        browser.screenshot("12-alice-revoked-sign-in-again");
        record("revoke-sessions of alice, to the sign-in page on the next reload", untilRefused);
        signIn(DemoTenant.ALICE);
        assertThat(browser.countOnceShown("#subscriptions tbody tr")).isEqualTo(2);
        assertThat(browser.text("#challenge-answered")).contains("401 insufficient_claims (ARM: session revoked)");
        browser.screenshot("13-alice-list-again");
        browser.scrollTo("#how-this-worked");
        browser.screenshot("13b-alice-how-it-worked-after-the-revocation");
    }

    @Test
    @Order(7)
    void bobWhoseAccountIsDisabledEndsOnAPageThatSaysSo() throws Exception {
        browser.open(system.web() + "/account/login");
        signIn(DemoTenant.BOB);
        assertThat(browser.countOnceShown("#subscriptions tbody tr")).isEqualTo(1);
        afterThisSecond();
        system.adminUser(DemoTenant.BOB, "disable");
        try {
            Instant disabled = Instant.now();
            browser.driver.navigate().refresh();
            browser.waitFor("#account-disabled");
            record("disable of bob, to the page that says so on the next reload", Duration.between(disabled, Instant.now()));

            assertThat(browser.text("h1")).isEqualTo("Your account is disabled");
            assertThat(browser.text("main")).contains("An administrator of your organization can enable it again");
            browser.screenshot("14-bob-disabled");
        } finally {
            system.adminUser(DemoTenant.BOB, "enable");
        }
    }

    /**
     * Waits for the next second of the clock: the sandbox's tokens-valid-from is to the second, as
     * Entra's, so a token issued in the same second as the revocation is not older than it.
     */
    private static void afterThisSecond() throws InterruptedException {
        Instant now = Instant.now();
        Thread.sleep(Duration.between(now, now.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS)).toMillis() + 20);
    }

    private static void record(String what, Duration took) throws IOException {
        String line = String.format(Locale.ROOT, "%s: %.2f s%n", what, took.toMillis() / 1000.0);
        System.out.print("CAE " + line);
        Files.writeString(TIMINGS, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void signIn(String username) throws IOException {
        browser.type("#username", username);
        browser.type("#password", DemoTenant.PASSWORD);
        if (DemoTenant.ALICE.equals(username)) {
            browser.screenshot("01b-sandbox-sign-in");
        }
        browser.clickAndLeave("#sign-in");
    }
}
