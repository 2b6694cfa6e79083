package dev.obo.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.obo.sandbox.junit.DemoTenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two web app instances behind Debian's nginx (round robin), one Redis for their sessions, in a
 * real (headless) Chromium: alice signs in through the proxy, and reloading lands on both
 * instances, each showing her subscriptions and its own name in the footer; signing out on one
 * signs her out on both. What Redis then holds is read byte for byte: every value sealed, no token,
 * no session id, no name. Never skipped: nginx, redis-server and Chromium are required.
 */
class ScaleOutJourneyIT {

    private static ScaledSystem system;
    private Browser browser;

    @BeforeAll
    static void startSystem() throws Exception {
        assertThat(Browser.available()).as("%s and %s (Debian's chromium, chromium-driver)", Browser.CHROMIUM, Browser.CHROMEDRIVER).isTrue();
        system = new ScaledSystem();
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = new Browser(1280, 900);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void aliceSignedInThroughTheProxyIsSignedInOnBothInstancesAndSigningOutOnOneSignsHerOutOnBoth() throws Exception {
        browser.open(system.web());
        browser.click("#sign-in");
        browser.type("#username", DemoTenant.ALICE);
        browser.type("#password", DemoTenant.PASSWORD);
        browser.clickAndLeave("#sign-in");
        assertThat(browser.countOnceShown("#subscriptions tbody tr")).isEqualTo(2);

        Set<String> seen = reloadUntilBothInstances(() -> {
            assertThat(browser.text("h1")).isEqualTo("Hello, Alice Adams");
            assertThat(browser.countOnceShown("#subscriptions tbody tr")).isEqualTo(2);
        });
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ScaledSystem.INSTANCES);
        browser.screenshot("20-scaled-alice-on-" + browser.text("#instance"));
        assertSealed(browser.driver.manage().getCookieNamed("OBOSESSION").getValue());

        String signedOutOn = browser.text("#instance");
        browser.click("#sign-out");
        browser.waitFor("#sign-in");
        Set<String> afterwards = reloadUntilBothInstances(() -> {
            assertThat(browser.count("#subscriptions")).isZero();
            assertThat(browser.count("#sign-in")).isEqualTo(1);
        });
        assertThat(afterwards).as("signed out on %s, then signed out on both", signedOutOn)
                .containsExactlyInAnyOrderElementsOf(ScaledSystem.INSTANCES);
        browser.screenshot("21-scaled-signed-out-on-" + browser.text("#instance"));
    }

    /** Reloads (at most 10 times) until both instances have served the page, checking each page; the instance names seen. */
    private Set<String> reloadUntilBothInstances(Runnable check) {
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < 10 && seen.size() < ScaledSystem.INSTANCES.size(); i++) {
            browser.driver.navigate().refresh();
            check.run();
            seen.add(browser.text("#instance"));
        }
        return seen;
    }

    private static void assertSealed(String cookie) {
        RedisClient client = RedisClient.create(system.redis().url());
        client.setDefaultTimeout(Duration.ofSeconds(5));
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<byte[], byte[]> redis = connection.sync();
            StringBuilder all = new StringBuilder();
            List<byte[]> values = new ArrayList<>();
            for (byte[] key : redis.keys("*".getBytes(StandardCharsets.US_ASCII))) {
                all.append(new String(key, StandardCharsets.ISO_8859_1));
                if ("hash".equals(redis.type(key))) {
                    redis.hgetall(key).forEach((field, value) -> {
                        all.append(new String(field, StandardCharsets.ISO_8859_1)).append(new String(value, StandardCharsets.ISO_8859_1));
                        if (value.length > 0) {
                            values.add(value);
                        }
                    });
                }
            }
            String sessionId = new String(java.util.Base64.getDecoder().decode(cookie + "=".repeat((4 - cookie.length() % 4) % 4)),
                    StandardCharsets.UTF_8);
            assertThat(all.toString()).doesNotContain("eyJ").doesNotContain(DemoTenant.WEB_SECRET).doesNotContain(DemoTenant.ALICE)
                    .doesNotContain("Alice Adams").doesNotContain(sessionId).doesNotContain(cookie);
            assertThat(values).isNotEmpty().allSatisfy(value -> assertThat(new String(value, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("obs1;kid="));
        } finally {
            client.shutdown();
        }
    }
}
