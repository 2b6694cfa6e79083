package dev.obo.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import dev.obo.sandbox.junit.DemoTenant;

/**
 * Tokens from the sandbox for the load: user tokens for the API by the password grant
 * (ROPC, through the web app's registration), and ARM tokens On-Behalf-Of them (as the API
 * gets them), for the direct scenario, and the API's own On-Behalf-Of request, for obo_direct.
 * Also reads the sandbox's count of OBO requests.
 */
final class Tokens {

    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final HttpClient http;
    private final String sandbox;
    private final String tokenEndpoint;
    private final JsonMapper json = new JsonMapper();

    Tokens(HttpClient http, String sandbox, String tenant) {
        this.http = http;
        this.sandbox = sandbox;
        this.tokenEndpoint = sandbox + "/" + tenant + "/oauth2/v2.0/token";
    }

    String userToken(String user) {
        return token(Map.of("grant_type", "password", "client_id", DemoTenant.WEB, "client_secret", DemoTenant.WEB_SECRET,
                "username", user, "password", DemoTenant.PASSWORD, "scope", DemoTenant.API_SCOPE));
    }

    String armToken(String userToken) {
        return token(onBehalfOf(userToken, DemoTenant.ARM_SCOPE));
    }

    String graphToken(String userToken) {
        return token(onBehalfOf(userToken, DemoTenant.GRAPH_SCOPE));
    }

    /** The API's own On-Behalf-Of request for ARM, as its starter sends it (client id and secret in the form): obo_direct's request. */
    HttpRequest armOnBehalfOfRequest(String userToken) {
        return post(onBehalfOf(userToken, DemoTenant.ARM_SCOPE));
    }

    private static Map<String, String> onBehalfOf(String userToken, String scope) {
        return Map.of("grant_type", JWT_BEARER, "requested_token_use", "on_behalf_of", "client_id", DemoTenant.API,
                "client_secret", DemoTenant.API_SECRET, "assertion", userToken, "scope", scope);
    }

    /** On-Behalf-Of requests the sandbox has received, whatever their outcome. */
    long oboRequests() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sandbox
                    + "/actuator/metrics/sandbox.token.requests?tag=grant:" + URLEncoder.encode(JWT_BEARER, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return 0;
            }
            List<?> measurements = (List<?>) json.readValue(response.body(), Map.class).get("measurements");
            return measurements.stream().map(m -> (Map<?, ?>) m).filter(m -> "COUNT".equals(m.get("statistic")))
                    .mapToLong(m -> ((Number) m.get("value")).longValue()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest post(Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(tokenEndpoint)).header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private String token(Map<String, String> form) {
        try {
            HttpResponse<String> response = http.send(post(form), HttpResponse.BodyHandlers.ofString());
            Object token = json.readValue(response.body(), Map.class).get("access_token");
            if (token == null) {
                throw new IllegalStateException("the sandbox gave no token: " + response.body());
            }
            return token.toString();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
