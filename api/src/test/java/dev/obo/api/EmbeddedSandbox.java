package dev.obo.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

import org.springframework.context.ConfigurableApplicationContext;

import dev.obo.sandbox.SandboxApplication;

/**
 * The real sandbox, started in this JVM on a free port (its own Spring context), for the
 * API's tests to talk to over HTTP: tokens by the password grant, ARM faults, key
 * rollover, and how many On-Behalf-Of requests it has seen (its own metrics).
 */
public final class EmbeddedSandbox implements AutoCloseable {

    public static final String TENANT = "4a5b6c7d-0000-4000-8000-000000000001";
    public static final String WEB = "4a5b6c7d-0000-4000-8000-000000000002";
    public static final String API = "4a5b6c7d-0000-4000-8000-000000000003";
    public static final String API_SCOPE = "api://" + API + "/access_as_user";
    public static final String ARM_SCOPE = "https://management.azure.com/user_impersonation";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedSandbox shared;

    private final ConfigurableApplicationContext context;
    private final int port;

    private EmbeddedSandbox(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** The sandbox most tests share, started on first use and stopped with the JVM. */
    public static synchronized EmbeddedSandbox shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** A sandbox of one's own, for a test that stops it. */
    public static EmbeddedSandbox start(String... args) {
        return startOn(0, args);
    }

    /** A sandbox of one's own on {@code port} (0: a free one); the same port again is the identity provider restarted, with new keys. */
    public static EmbeddedSandbox startOn(int port, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--server.port=" + port;
        all[1] = "--spring.main.banner-mode=off";
        System.arraycopy(args, 0, all, 2, args.length);
        return new EmbeddedSandbox(SandboxApplication.application().run(all));
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://localhost:" + port;
    }

    public String authority() {
        return base() + "/" + TENANT;
    }

    public String issuer() {
        return authority() + "/v2.0";
    }

    public String subscriptionsUri() {
        return base() + "/subscriptions?api-version=2022-12-01";
    }

    /** Points an API under test at this sandbox: authority, issuer, ARM and Graph. */
    public void registerApiSettings(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("onbehalf.authority", this::authority);
        registry.add("onbehalf.issuer", this::issuer);
        registry.add("obo.api.arm.subscriptions-uri", this::subscriptionsUri);
        registry.add("onbehalf.downstream.graph.base-uri", this::base);
        registry.add("obo.api.graph.me-uri", () -> base() + "/v1.0/me");
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A new access token for the API, for {@code user}, by the password grant through the web app. */
    public String userToken(String user) {
        return token(Map.of("grant_type", "password", "client_id", WEB, "client_secret", "web-secret",
                "username", user, "password", "sandbox", "scope", API_SCOPE)).get("access_token").toString();
    }

    public Map<String, Object> token(Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b).orElse("");
        return json(send(HttpRequest.newBuilder(URI.create(authority() + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    /** How many On-Behalf-Of (jwt-bearer) token requests reached the sandbox, whatever their outcome. */
    public long oboRequests() {
        return count("/actuator/metrics/sandbox.token.requests?tag=grant:urn:ietf:params:oauth:grant-type:jwt-bearer");
    }

    /** How many token-exchange requests reached the sandbox. */
    public long tokenExchangeRequests() {
        return count("/actuator/metrics/sandbox.token.requests?tag=grant:urn:ietf:params:oauth:grant-type:token-exchange");
    }

    /** How many times the tenant's key set (JWKS) was fetched. */
    public long jwksRequests() {
        return count("/actuator/metrics/http.server.requests?tag=uri:" + URLEncoder.encode("/{tenant}/discovery/v2.0/keys", StandardCharsets.UTF_8));
    }

    /** How many calls reached the ARM stand-in. */
    public long armRequests() {
        return count("/actuator/metrics/sandbox.arm.requests");
    }

    public void faults(String json) {
        send(HttpRequest.newBuilder(URI.create(base() + "/admin/management/faults")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public void clearFaults() {
        send(HttpRequest.newBuilder(URI.create(base() + "/admin/management/faults")).DELETE().build());
    }

    public void rotateKeys() {
        send(HttpRequest.newBuilder(URI.create(base() + "/admin/keys/rotate")).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private long count(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + path)).build());
        if (response.statusCode() == 404) {
            return 0; // no such meter yet: nothing counted
        }
        Object measurements = json(response).get("measurements");
        return ((List<?>) measurements).stream().map(m -> (Map<?, ?>) m).filter(m -> "COUNT".equals(m.get("statistic")))
                .mapToLong(m -> ((Number) m.get("value")).longValue()).sum();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (java.text.ParseException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
