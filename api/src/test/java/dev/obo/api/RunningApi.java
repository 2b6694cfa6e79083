package dev.obo.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.Sandbox;

/**
 * The API's test fixture: the real API on a random port, against the run's sandbox
 * ({@link EntraSandbox}: the API's settings name the sandbox's usual address, which the kit
 * points at the running one), called over HTTP. Short ARM timeouts and budget so fault tests
 * finish quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"spring.config.name=api-server",
        "obo.api.arm.read-timeout=1s", "obo.api.arm.budget=4s"})
@EntraSandbox
public abstract class RunningApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Sandbox sandbox;

    @LocalServerPort
    protected int port;

    @BeforeAll
    static void sandbox(Sandbox running) {
        sandbox = running;
    }

    protected static Sandbox sandbox() {
        return sandbox;
    }

    protected HttpResponse<String> get(String path, String bearer) {
        return get(path, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
    }

    protected HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GET with every one of {@code authorizations} as an {@code Authorization} header, in order. */
    protected HttpResponse<String> getWithAuthorizations(String path, List<String> authorizations) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        authorizations.forEach(value -> request.header("Authorization", value));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (java.text.ParseException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    protected static List<?> value(HttpResponse<String> response) {
        return (List<?>) json(response).get("value");
    }
}
