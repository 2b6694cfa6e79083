package dev.obo.sandbox.identity.authorize;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

import dev.obo.sandbox.AuthorizationRequest;
import dev.obo.sandbox.Chromium;
import dev.obo.sandbox.SandboxApplication;
import dev.obo.sandbox.TestSeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sandbox's pages in headless Chromium, which enforces what {@link SandboxPagesTest} only
 * reads: a page of another origin cannot frame the sign-in page, and under the pages' CSP the
 * code still reaches the client's redirect URI, by the redirect after the sign-in form
 * ({@code form-action} covers it) and by the self-submitting form post ({@code /form-post.js}).
 * The client is a real HTTP server on a random port, registered by a seed file of this test
 * (so the test is not a {@link dev.obo.sandbox.SandboxTest}, whose seed would win).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + SandboxApplication.CONFIG_NAME)
class SandboxPagesIT {

    private static final String CLIENT_ID = "4a5b6c7d-0000-4000-8000-0000000000e9";
    private static final Client CLIENT = Client.start();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void seed(DynamicPropertyRegistry registry) {
        registry.add("sandbox.seed", () -> TestSeed.locations() + ",file:" + CLIENT.seed());
    }

    @BeforeEach
    void browser() {
        assumeTrue(Chromium.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
        CLIENT.received.clear();
    }

    @AfterAll
    static void stopClient() {
        CLIENT.server.stop(0);
    }

    @Test
    void signInWhenQueryResponseModeThenBrowserFollowsTheRedirectToTheClientWithTheCode() throws Exception {
        AuthorizationRequest request = request();
        try (Chromium browser = new Chromium()) {
            signIn(browser, request.uri().toString());

            Received callback = CLIENT.next();
            assertThat(callback.method()).isEqualTo("GET");
            assertThat(callback.parameters()).containsKey("code").containsEntry("state", request.state);
        }
    }

    @Test
    void signInWhenFormPostResponseModeThenTheScriptPostsTheCodeToTheClient() throws Exception {
        AuthorizationRequest request = request().with("response_mode", "form_post");
        try (Chromium browser = new Chromium()) {
            signIn(browser, request.uri().toString());

            Received callback = CLIENT.next();
            assertThat(callback.method()).isEqualTo("POST");
            assertThat(callback.parameters()).containsKey("code").containsEntry("state", request.state);
        }
    }

    @Test
    void signInPageWhenFramedByAnotherSiteThenBrowserShowsNothingOfIt() throws Exception {
        try (Chromium browser = new Chromium()) {
            browser.open(CLIENT.base() + "/frame?src=" + UriComponentsBuilder.fromUri(request().uri()).build().toUriString()
                    .replace("&", "%26"));
            // The frame's load event fires whether its page was shown or refused.
            new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.titleIs("Framed"));
            browser.driver.switchTo().frame(browser.waitFor("iframe"));

            assertThat(browser.driver.findElements(By.id("username"))).as("the sign-in form inside the frame").isEmpty();
        }
    }

    private void signIn(Chromium browser, String authorizeUrl) {
        browser.open(authorizeUrl);
        browser.type("#username", "alice@onbehalf.test");
        browser.type("#password", "sandbox");
        browser.click("#sign-in");
    }

    private AuthorizationRequest request() {
        return new AuthorizationRequest(URI.create("http://localhost:" + port + "/" + TestSeed.TENANT + "/oauth2/v2.0/authorize"),
                CLIENT_ID, CLIENT.redirectUri(), "openid profile");
    }

    /** What the client's redirect URI received. */
    record Received(String method, Map<String, String> parameters) {}

    /** The client: a redirect URI on a random port that records what arrives, and a page that frames another. */
    record Client(HttpServer server, BlockingQueue<Received> received) {

        static Client start() {
            try {
                Client client = new Client(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), new LinkedBlockingQueue<>());
                client.server.createContext("/callback", client::callback);
                client.server.createContext("/frame", client::frame);
                client.server.start();
                return client;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String base() {
            return "http://localhost:" + server.getAddress().getPort();
        }

        String redirectUri() {
            return base() + "/callback";
        }

        Path seed() {
            try {
                Path file = Files.createTempFile("browser-client-seed", ".yml");
                Files.writeString(file, """
                        apps:
                          - displayName: Browser test client
                            clientId: %s
                            publicClient: true
                            redirectUris: [ %s ]
                        """.formatted(CLIENT_ID, redirectUri()));
                return file;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        Received next() throws InterruptedException {
            Received callback = received.poll(20, TimeUnit.SECONDS);
            assertThat(callback).as("a request at the client's redirect URI").isNotNull();
            return callback;
        }

        private void callback(HttpExchange exchange) throws IOException {
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String form = "POST".equals(exchange.getRequestMethod()) ? body : query;
            Map<String, String> parameters = new LinkedHashMap<>();
            UriComponentsBuilder.newInstance().query(form).build().getQueryParams().toSingleValueMap()
                    .forEach((name, value) -> parameters.put(name, URLDecoder.decode(value, StandardCharsets.UTF_8)));
            received.add(new Received(exchange.getRequestMethod(), parameters));
            answer(exchange, "<!DOCTYPE html><title>Client</title><p>Signed in.</p>");
        }

        private void frame(HttpExchange exchange) throws IOException {
            String src = UriComponentsBuilder.fromUri(exchange.getRequestURI()).build().getQueryParams().getFirst("src");
            String decoded = URLDecoder.decode(src, StandardCharsets.UTF_8);
            answer(exchange, "<!DOCTYPE html><title>Another site</title><iframe src=\"" + decoded.replace("\"", "%22")
                    + "\" onload=\"document.title='Framed'\" width=\"600\" height=\"600\"></iframe>");
        }

        private static void answer(HttpExchange exchange, String html) throws IOException {
            byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }
}
