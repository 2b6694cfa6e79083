package dev.obo.sandbox.management;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.obo.sandbox.RunningSandbox;

import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static dev.obo.sandbox.TestSeed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/** The ARM stand-in: the caller's subscriptions in ARM's shapes and headers, ARM's token checks and errors, and fault injection. */
class SubscriptionsIT extends RunningSandbox {

    static final String API_VERSION = "?api-version=2022-12-01";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterEach
    void noFaults() {
        call("DELETE", "/admin/management/faults", null, null);
    }

    @Test
    void listWhenAliceThenHerTwoSubscriptionsInArmsShape() throws Exception {
        Answer answer = get("/subscriptions" + API_VERSION, armToken("alice@onbehalf.test"));

        assertThat(answer.status()).isEqualTo(200);
        List<Map<String, Object>> value = answer.list("value");
        assertThat(value).hasSize(2);
        Map<String, Object> first = value.get(0);
        assertThat(first).containsEntry("id", "/subscriptions/5a1c0001-0000-4000-8000-00000000a001")
                .containsEntry("subscriptionId", "5a1c0001-0000-4000-8000-00000000a001")
                .containsEntry("tenantId", TENANT).containsEntry("state", "Enabled")
                .containsEntry("authorizationSource", "RoleBased").containsEntry("managedByTenants", List.of())
                .containsKey("subscriptionPolicies");
        assertThat(answer.json()).containsEntry("count", Map.of("type", "Total", "value", 2L)).doesNotContainKey("nextLink");
        assertThat(answer.response().headers().firstValue("x-ms-request-id")).isPresent();
        assertThat(answer.response().headers().firstValue("x-ms-ratelimit-remaining-subscription-reads")).isPresent();
    }

    @Test
    void listWhenBobThenOnlyHisOne() throws Exception {
        assertThat(get("/subscriptions" + API_VERSION, armToken("bob@onbehalf.test")).list("value")).hasSize(1);
    }

    @Test
    void listWhenMoreThanAPageThenNextLinkPagesJoinToAll() throws Exception {
        String token = armToken("erin@onbehalf.test");
        List<Object> all = new ArrayList<>();
        String next = base() + "/subscriptions" + API_VERSION;
        int pages = 0;
        while (next != null) {
            Answer page = get(URI.create(next), token);
            assertThat(page.status()).isEqualTo(200);
            all.addAll(page.list("value"));
            next = (String) page.json().get("nextLink");
            pages++;
        }
        assertThat(all).hasSize(12);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void getWhenOwnSubscriptionThenIt() throws Exception {
        Answer answer = get("/subscriptions/5a1c0001-0000-4000-8000-00000000b001" + API_VERSION, armToken("bob@onbehalf.test"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("displayName", "Bob – Pay-As-You-Go");
    }

    @Test
    void getWhenAnotherUsersSubscriptionThen404SubscriptionNotFound() throws Exception {
        Answer answer = get("/subscriptions/5a1c0001-0000-4000-8000-00000000a001" + API_VERSION, armToken("bob@onbehalf.test"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("SubscriptionNotFound");
    }

    @Test
    void getWhenCorrelationIdSentThenEchoed() throws Exception {
        String correlation = "0f0e0d0c-0000-4000-8000-000000000042";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/subscriptions" + API_VERSION))
                .header("Authorization", "Bearer " + armToken("bob@onbehalf.test"))
                .header("x-ms-correlation-request-id", correlation).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("x-ms-correlation-request-id")).contains(correlation);
    }

    static Stream<Arguments> refusedCalls() {
        return Stream.of(
                Arguments.of("no Authorization header", null, 401, "AuthenticationFailed"),
                Arguments.of("not a Bearer header", "Basic YTpi", 401, "AuthenticationFailed"),
                Arguments.of("garbage token", "Bearer not.a.jwt", 401, "InvalidAuthenticationToken"),
                Arguments.of("alg none", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", 401, "InvalidAuthenticationToken"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCalls")
    void listWhenTokenRefusedThen401WithArmErrorAndChallenge(String proves, String authorization, int status, String code) throws Exception {
        Answer answer = call("GET", "/subscriptions" + API_VERSION, authorization, null);

        assertThat(answer.status()).as(proves).isEqualTo(status);
        assertThat(answer.errorCode()).as(proves).isEqualTo(code);
        assertThat(answer.response().headers().firstValue("WWW-Authenticate")).as(proves).hasValueSatisfying(
                h -> assertThat(h).startsWith("Bearer authorization_uri=").contains("error=\"invalid_token\""));
    }

    @Test
    void listWhenTokenIsForTheApiNotArmThenInvalidAudience() throws Exception {
        Answer answer = get("/subscriptions" + API_VERSION, userToken("alice@onbehalf.test", API_SCOPE));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.errorCode()).isEqualTo("InvalidAuthenticationTokenAudience");
    }

    @Test
    void listWhenTokenExpiredThenExpiredAuthenticationToken() throws Exception {
        String token = armToken("alice@onbehalf.test");
        clock.advance(Duration.ofHours(2));

        assertThat(get("/subscriptions" + API_VERSION, token).errorCode()).isEqualTo("ExpiredAuthenticationToken");
    }

    @Test
    void listWhenApiVersionMissingThen400MissingApiVersionParameter() throws Exception {
        Answer answer = get("/subscriptions", armToken("alice@onbehalf.test"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("MissingApiVersionParameter");
    }

    @Test
    void listWhenThrottlingInjectedThen429WithRetryAfterThenSuccess() throws Exception {
        String token = armToken("alice@onbehalf.test");
        assertThat(call("POST", "/admin/management/faults", null, "{\"status\":429,\"count\":1,\"retryAfterSeconds\":3}").status()).isEqualTo(200);

        Answer throttled = get("/subscriptions" + API_VERSION, token);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.response().headers().firstValue("Retry-After")).contains("3");
        assertThat(get("/subscriptions" + API_VERSION, token).status()).isEqualTo(200);
    }

    @Test
    void listWhenServerErrorsInjectedThenThatManyFailures() throws Exception {
        String token = armToken("alice@onbehalf.test");
        call("POST", "/admin/management/faults", null, "{\"status\":500,\"count\":2}");

        assertThat(get("/subscriptions" + API_VERSION, token).errorCode()).isEqualTo("InternalServerError");
        assertThat(get("/subscriptions" + API_VERSION, token).status()).isEqualTo(500);
        assertThat(get("/subscriptions" + API_VERSION, token).status()).isEqualTo(200);
    }

    @Test
    void faultsWhenStatusNotOneOfTheSupportedThenRefused() {
        assertThat(call("POST", "/admin/management/faults", null, "{\"status\":418,\"count\":1}").status()).isEqualTo(400);
    }

    private String armToken(String user) {
        return obo(userToken(user, API_SCOPE), ARM_SCOPE).accessToken();
    }

    private Answer get(String path, String token) {
        return call("GET", path, "Bearer " + token, null);
    }

    private Answer get(URI uri, String token) {
        return send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build());
    }

    private Answer call(String method, String path, String authorization, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    private static Answer send(HttpRequest request) {
        try {
            return new Answer(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
