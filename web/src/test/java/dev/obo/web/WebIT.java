package dev.obo.web;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.sandbox.junit.BrowserlessUser;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.Sandbox;
import dev.obo.sandbox.junit.SandboxSeedBuilder;
import dev.obo.sandbox.junit.SeedCustomizer;

/**
 * The web app's full-flow fixture: the real web app on a random port, with its own defaults,
 * against the real sandbox ({@link EntraSandbox}, one for the run, which the kit points those
 * defaults at) and the real API ({@link InProcessApi}), named as the seed names it
 * ({@code FLASK_BACKEND_URL}: its subscriptions endpoint). Access tokens live two minutes and
 * the refresh skew is three, so every call to the API refreshes the token first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + WebApplication.CONFIG_NAME, "obo.web.refresh-skew=3m"})
@EntraSandbox(seed = WebIT.Mallory.class, properties = "sandbox.identity.access-token-lifetime=PT2M")
public abstract class WebIT {

    /** Mallory's subscription's name: markup, which the page must show as text. */
    public static final String XSS = "<img src=x onerror=alert(1)>";
    public static final String MALLORY = "mallory@onbehalf.test";

    @LocalServerPort
    private int port;

    @BeforeAll
    static void startApi(Sandbox sandbox) {
        InProcessApi.startFor(sandbox);
    }

    @DynamicPropertySource
    static void apiAddress(DynamicPropertyRegistry registry) {
        // The seed's name and meaning: the URL of the API's subscriptions endpoint itself.
        registry.add("FLASK_BACKEND_URL", () -> InProcessApi.url() + "/subscriptions");
    }

    /** The web app's URL for {@code path}. */
    protected String web(String path) {
        return "http://localhost:" + port + path;
    }

    protected int webPort() {
        return port;
    }

    /** A new visitor, with no cookies yet. */
    protected BrowserlessUser visitor() {
        return BrowserlessUser.anywhere();
    }

    /** A new visitor who has signed in as {@code username}, on the home page. */
    protected BrowserlessUser signedIn(String username) {
        BrowserlessUser user = visitor();
        user.signIn(user.open(web("/account/login")), username);
        return user;
    }

    /** A user of the web tests' own, whose one subscription is named {@link #XSS}, consented as the demo users are. */
    public static class Mallory implements SeedCustomizer {
        @Override
        public void customize(SandboxSeedBuilder seed) {
            seed.user(MALLORY, user -> user.displayName("Mallory Markup").subscription(XSS))
                    .consent(MALLORY, DemoTenant.WEB, DemoTenant.API, "access_as_user")
                    .consent(MALLORY, DemoTenant.API, DemoTenant.ARM, "user_impersonation")
                    .consent(MALLORY, DemoTenant.API, DemoTenant.GRAPH, "User.Read");
        }
    }
}
