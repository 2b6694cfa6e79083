package dev.obo.sandbox.graph;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;

import dev.obo.sandbox.RunningSandbox;
import dev.obo.sandbox.TestSeed;

import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static dev.obo.sandbox.TestSeed.DAEMON;
import static dev.obo.sandbox.TestSeed.GRAPH;
import static dev.obo.sandbox.TestSeed.GRAPH_MAIL_SCOPE;
import static dev.obo.sandbox.TestSeed.GRAPH_SCOPE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Graph stand-in: On-Behalf-Of for Microsoft Graph, and {@code GET /v1.0/me} answering the
 * caller's profile in Graph's shape and headers, with Graph's token checks, errors and challenge.
 */
class MeIT extends RunningSandbox {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CHALLENGE = "Bearer realm=\"\", authorization_uri=\"%s/common/oauth2/authorize\", client_id=\"" + GRAPH + "\"";

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void noFaults() {
        admin("DELETE", null);
    }

    @Test
    void oboWhenAliceAsksForGraphUserReadThenGraphTokenAndMeAnswersHerProfileInGraphsShape() throws Exception {
        double before = meters.counter("sandbox.graph.requests").count();
        Result obo = obo(userToken("alice@onbehalf.test", API_SCOPE), GRAPH_SCOPE);
        assertThat(obo.status()).as("%s", obo.body()).isEqualTo(200);
        assertThat(obo.body()).containsEntry("scope", GRAPH_SCOPE);
        JWTClaimsSet claims = obo.accessTokenClaims();
        assertThat(claims.getAudience()).containsExactly("https://graph.microsoft.com");
        assertThat(claims.getStringClaim("scp").split(" ")).contains("User.Read");
        assertThat(claims.getStringClaim("ver")).isEqualTo("1.0");
        assertThat(claims.getStringClaim("appid")).isEqualTo(TestSeed.API);

        HttpResponse<String> me = me("Bearer " + obo.accessToken(), Map.of());

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json;odata.metadata=minimal"));
        Map<String, Object> profile = JSONObjectUtils.parse(me.body());
        assertThat(profile).containsOnlyKeys("@odata.context", "businessPhones", "displayName", "givenName", "jobTitle", "mail",
                        "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id")
                .containsEntry("@odata.context", base() + "/v1.0/$metadata#users/$entity")
                .containsEntry("businessPhones", List.of())
                .containsEntry("displayName", "Alice Adams")
                .containsEntry("givenName", "Alice")
                .containsEntry("jobTitle", "Cloud Platform Engineer")
                .containsEntry("mail", "alice@onbehalf.test")
                .containsEntry("mobilePhone", null)
                .containsEntry("officeLocation", "Building 1, 1.101")
                .containsEntry("preferredLanguage", null)
                .containsEntry("surname", "Adams")
                .containsEntry("userPrincipalName", "alice@onbehalf.test")
                .containsEntry("id", "4a5b6c7d-0000-4000-8000-0000000000a1");
        assertThat(me.headers().firstValue("request-id")).isPresent();
        assertThat(me.headers().firstValue("x-ms-ags-diagnostic")).isPresent();
        assertThat(meters.counter("sandbox.graph.requests").count()).isEqualTo(before + 1);
    }

    @Test
    void oboWhenBareUserReadThenGraphTokenForGraphsAppIdAndMeAnswers() throws Exception {
        Result obo = obo(userToken("bob@onbehalf.test", API_SCOPE), "User.Read");

        assertThat(obo.status()).as("%s", obo.body()).isEqualTo(200);
        assertThat(obo.body()).containsEntry("scope", "User.Read");
        assertThat(obo.accessTokenClaims().getAudience()).containsExactly(GRAPH);
        HttpResponse<String> me = me("Bearer " + obo.accessToken(), Map.of());
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(JSONObjectUtils.parse(me.body())).containsEntry("userPrincipalName", "bob@onbehalf.test");
    }

    @Test
    void meWhenClientRequestIdSentThenEchoedBesideANewRequestId() throws Exception {
        String clientRequestId = "0f0e0d0c-0000-4000-8000-000000000042";

        HttpResponse<String> me = me("Bearer " + graphToken("bob@onbehalf.test"), Map.of("client-request-id", clientRequestId));

        assertThat(me.headers().firstValue("client-request-id")).contains(clientRequestId);
        assertThat(me.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).isNotEqualTo(clientRequestId));
    }

    @Test
    void oboWhenDaveForGraphThenNoSecondFactorIsNeededThoughArmNeedsOne() throws Exception {
        String assertion = userToken("dave@onbehalf.test", API_SCOPE);
        assertThat(obo(assertion, ARM_SCOPE).errorCode()).isEqualTo(50076);

        Result graph = obo(assertion, GRAPH_SCOPE);

        assertThat(graph.status()).as("%s", graph.body()).isEqualTo(200);
        assertThat(me("Bearer " + graph.accessToken(), Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void oboWhenCarolHasNotConsentedToGraphThenAadsts65001() {
        Result obo = obo(userToken("carol@onbehalf.test", API_SCOPE), GRAPH_SCOPE);

        assertThat(obo.errorCode()).isEqualTo(65001);
        assertThat(obo.body()).containsEntry("suberror", "consent_required");
    }

    @Test
    void oboWhenOnlyOpenIdConnectScopesThenStillAadsts70011() {
        assertThat(obo(userToken("alice@onbehalf.test", API_SCOPE), "openid profile").errorCode()).isEqualTo(70011);
    }

    static Stream<Arguments> refusedCalls() {
        return Stream.of(
                refused("no Authorization header", t -> null, 401, "InvalidAuthenticationToken", "Access token is empty."),
                refused("not a Bearer header", t -> "Basic YTpi", 401, "InvalidAuthenticationToken", "Access token is empty."),
                refused("garbage token", t -> "Bearer not.a.jwt", 401, "InvalidAuthenticationToken", "Invalid JWT token"),
                refused("forged signature", t -> "Bearer " + forged(t.graphToken("alice@onbehalf.test")), 401,
                        "InvalidAuthenticationToken", "Access token validation failure. Invalid signature"),
                refused("expired token", t -> t.expired(t.graphToken("alice@onbehalf.test")), 401, "InvalidAuthenticationToken",
                        "Lifetime validation failed, the token is expired."),
                refused("wrong audience: an ARM token", t -> "Bearer " + t.obo(t.userToken("alice@onbehalf.test", API_SCOPE), ARM_SCOPE).accessToken(),
                        401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience."),
                refused("no permission to read the profile: Mail.Read only", t -> "Bearer " + t.mailToken(), 403,
                        "Authorization_RequestDenied", "Insufficient privileges to complete the operation."),
                refused("app-only token", t -> "Bearer " + t.appToken(), 400, "BadRequest",
                        "/me request is only valid with delegated authentication flow."));
    }

    private static Arguments refused(String proves, Function<MeIT, String> authorization, int status, String code, String message) {
        return Arguments.of(proves, authorization, status, code, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCalls")
    void meWhenRefusedThenGraphsErrorJson(String proves, Function<MeIT, String> authorization, int status, String code,
                                          String message) throws Exception {
        HttpResponse<String> me = me(authorization.apply(this), Map.of());

        assertThat(me.statusCode()).as(proves).isEqualTo(status);
        Map<String, Object> error = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(me.body()), "error");
        assertThat(error).as(proves).containsOnlyKeys("code", "message", "innerError").containsEntry("code", code);
        assertThat((String) error.get("message")).as(proves).startsWith(message);
        Map<String, Object> inner = JSONObjectUtils.getJSONObject(error, "innerError");
        assertThat(inner).containsOnlyKeys("date", "request-id", "client-request-id");
        assertThat((String) inner.get("date")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
        assertThat(inner.get("request-id")).isEqualTo(me.headers().firstValue("request-id").orElseThrow());
        assertThat(inner.get("client-request-id")).isEqualTo(me.headers().firstValue("client-request-id").orElseThrow());
        if (status == 401) {
            assertThat(me.headers().firstValue("WWW-Authenticate")).as(proves).contains(String.format(CHALLENGE, base()));
        } else {
            assertThat(me.headers().firstValue("WWW-Authenticate")).as(proves).isEmpty();
        }
    }

    @Test
    void meWhenUnauthorizedFaultInjectedThenOne401ThenHerProfileAgain() throws Exception {
        String token = graphToken("erin@onbehalf.test");
        assertThat(admin("POST", "{\"status\":401,\"count\":1}").statusCode()).isEqualTo(200);

        HttpResponse<String> refused = me("Bearer " + token, Map.of());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(me("Bearer " + token, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void meWhenThrottlingInjectedThen429WithRetryAfter() throws Exception {
        String token = graphToken("erin@onbehalf.test");
        admin("POST", "{\"status\":429,\"count\":1,\"retryAfterSeconds\":7}");

        HttpResponse<String> throttled = me("Bearer " + token, Map.of());

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("7");
    }

    String graphToken(String user) {
        return obo(userToken(user, API_SCOPE), GRAPH_SCOPE).accessToken();
    }

    private String expired(String token) {
        clock.advance(Duration.ofHours(2));
        return "Bearer " + token;
    }

    // The legacy API may read Graph's mail (admin consent), not the profile.
    private String mailToken() {
        String assertion = publicToken(new ClientID(TestSeed.CLI), new ResourceOwnerPasswordCredentialsGrant("bob@onbehalf.test",
                new Secret("sandbox")), TestSeed.LEGACY_API_SCOPE).accessToken();
        Result obo = obo(new ClientSecretBasic(new ClientID(TestSeed.LEGACY_API), new Secret("legacy-secret")), assertion, GRAPH_MAIL_SCOPE);
        assertThat(obo.status()).as("%s", obo.body()).isEqualTo(200);
        return obo.accessToken();
    }

    private String appToken() {
        Result result = token(new ClientSecretBasic(new ClientID(DAEMON), new Secret("daemon-secret")),
                new ClientCredentialsGrant(), "https://graph.microsoft.com/.default", Map.of());
        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        return result.accessToken();
    }

    private static String forged(String token) {
        int at = token.lastIndexOf('.') + 10;
        char replaced = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + replaced + token.substring(at + 1);
    }

    private HttpResponse<String> me(String authorization, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/v1.0/me"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/admin/graph/faults"))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
