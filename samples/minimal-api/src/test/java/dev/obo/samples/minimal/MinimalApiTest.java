package dev.obo.samples.minimal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.sandbox.SandboxApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The minimal sample, unchanged but for the sandbox's port: a user's token for the API gets
 * that user's Graph profile, On-Behalf-Of them; no token gets the starter's 401 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MinimalApiTest {

    private static final String TENANT = "4a5b6c7d-0000-4000-8000-000000000001";
    private static final ConfigurableApplicationContext SANDBOX = SandboxApplication.application()
            .run("--server.port=0", "--spring.main.banner-mode=off");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sandbox(DynamicPropertyRegistry registry) {
        registry.add("onbehalf.issuer", () -> base() + "/" + TENANT + "/v2.0");
        registry.add("onbehalf.downstream.graph.base-uri", MinimalApiTest::base);
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void getMeWhenAliceThenHerGraphProfile() throws Exception {
        HttpResponse<String> response = get("/me", token("alice@onbehalf.test"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("userPrincipalName", "alice@onbehalf.test")
                .containsEntry("displayName", "Alice Adams");
    }

    @Test
    void getMeWhenNoTokenThen401Problem() throws Exception {
        HttpResponse<String> response = get("/me", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("type", "urn:onbehalf:problem:invalid-token");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String username) throws Exception {
        Map<String, String> form = Map.of("grant_type", "password", "client_id", "4a5b6c7d-0000-4000-8000-000000000002",
                "client_secret", "web-secret", "username", username, "password", "sandbox",
                "scope", "api://4a5b6c7d-0000-4000-8000-000000000003/access_as_user");
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b).orElse("");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/" + TENANT
                + "/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return (String) JSONObjectUtils.parse(response.body()).get("access_token");
    }

    private static String base() {
        return "http://localhost:" + SANDBOX.getEnvironment().getProperty("local.server.port");
    }
}
