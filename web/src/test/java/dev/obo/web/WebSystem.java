package dev.obo.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import dev.obo.api.ApiApplication;
import dev.obo.sandbox.SandboxApplication;

/**
 * The other two processes of the system, real, in this JVM: the sandbox (seeded with the
 * default users, the web app's redirect URI on the port the web app will use, and an
 * XSS-shaped subscription name) and the API on a fixed port, so it can be stopped and
 * started again. Started once for all web tests.
 */
public final class WebSystem {

    public static final String TENANT = "4a5b6c7d-0000-4000-8000-000000000001";
    public static final String XSS = "<img src=x onerror=alert(1)>";
    private static WebSystem instance;

    public final int webPort = freePort();
    public final int apiPort = freePort();
    private final int sandboxPort = freePort();
    private final Path seed;
    private ConfigurableApplicationContext sandbox;
    private ConfigurableApplicationContext api;

    private WebSystem() throws IOException {
        seed = seed(webPort);
        startSandbox();
        startApi();
    }

    private void startSandbox() {
        sandbox = SandboxApplication.application().run("--server.port=" + sandboxPort, "--spring.main.banner-mode=off",
                "--sandbox.seed=file:" + seed,
                // short-lived access tokens, so the web app's refresh is exercised
                "--sandbox.identity.access-token-lifetime=PT2M");
    }

    /** The identity provider restarted on its port: new signing keys, no sessions, no refresh tokens. */
    public synchronized void restartSandbox() {
        sandbox.close();
        startSandbox();
    }

    public static synchronized WebSystem get() {
        if (instance == null) {
            try {
                instance = new WebSystem();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public String sandboxBase() {
        return "http://localhost:" + sandboxPort;
    }

    public String authority() {
        return sandboxBase() + "/" + TENANT;
    }

    public String apiUrl() {
        return "http://localhost:" + apiPort;
    }

    public String webBase() {
        return "http://localhost:" + webPort;
    }

    public synchronized void stopApi() {
        api.close();
    }

    public synchronized void startApi() {
        api = ApiApplication.application().run("--server.port=" + apiPort, "--spring.main.banner-mode=off",
                "--onbehalf.authority=" + authority(), "--onbehalf.issuer=" + authority() + "/v2.0",
                "--obo.api.arm.subscriptions-uri=" + sandboxBase() + "/subscriptions?api-version=2022-12-01",
                "--GRAPH_BASE_URI=" + sandboxBase());
    }

    /** How many token requests of {@code grant} reached the sandbox (its own metrics, over HTTP). */
    public long tokenRequests(String grant) {
        return tokenRequests(grant, null);
    }

    /** How many token requests of {@code grant} had {@code outcome} ({@code issued}, or the {@code AADSTSnnnnn} of the refusal). */
    public long tokenRequests(String grant, String outcome) {
        String tags = "?tag=grant:" + URLEncoder.encode(grant, StandardCharsets.UTF_8)
                + (outcome == null ? "" : "&tag=outcome:" + URLEncoder.encode(outcome, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandboxBase()
                    + "/actuator/metrics/sandbox.token.requests" + tags)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return 0;
            }
            Map<String, Object> json = com.nimbusds.jose.util.JSONObjectUtils.parse(response.body());
            return ((List<?>) json.get("measurements")).stream().map(m -> (Map<?, ?>) m)
                    .filter(m -> "COUNT".equals(m.get("statistic"))).mapToLong(m -> ((Number) m.get("value")).longValue()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path seed(int webPort) throws IOException {
        try (InputStream in = SandboxApplication.class.getResourceAsStream("/sandbox.yml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("http://localhost:8000/", "http://localhost:" + webPort + "/")
                    .replace("displayName: Alice – Dev/Test", "displayName: \"" + XSS + "\"");
            Path file = Files.createTempFile("web-test-seed", ".yml");
            Files.writeString(file, yaml);
            return file;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
