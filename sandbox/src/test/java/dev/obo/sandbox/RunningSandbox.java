package dev.obo.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;


import dev.obo.sandbox.junit.SettableClock;
import dev.obo.sandbox.junit.TestKeyMaterial;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's test fixture: the real application on a random port, seeded with
 * {@link TestSeed}, with a {@link SettableClock}; requests go over HTTP through the Nimbus
 * OAuth 2.0 SDK, a client written against the standards, not against this server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + SandboxApplication.CONFIG_NAME)
@Import(RunningSandbox.ClockConfig.class)
public abstract class RunningSandbox {

    private static final HttpClient RAW = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected SettableClock clock;

    @DynamicPropertySource
    protected static void seed(DynamicPropertyRegistry registry) {
        registry.add("sandbox.seed", TestSeed::locations);
    }

    @AfterEach
    protected void resetClock() {
        clock.reset();
    }

    protected String base() {
        return "http://localhost:" + port;
    }

    /** The TLS trust for requests to the sandbox; none over plain http. */
    protected javax.net.ssl.SSLSocketFactory sslSocketFactory() {
        return null;
    }

    protected String issuer() {
        return base() + "/" + TestSeed.TENANT + "/v2.0";
    }

    protected URI tokenEndpoint() {
        return URI.create(base() + "/" + TestSeed.TENANT + "/oauth2/v2.0/token");
    }

    protected URI authorizeEndpoint() {
        return URI.create(base() + "/" + TestSeed.TENANT + "/oauth2/v2.0/authorize");
    }

    protected static ClientAuthentication web() {
        return new ClientSecretBasic(new ClientID(TestSeed.WEB), new Secret("web-secret"));
    }

    protected static ClientAuthentication api() {
        return new ClientSecretBasic(new ClientID(TestSeed.API), new Secret("api-secret"));
    }

    /** Sends a token request built with the Nimbus SDK; {@code extra} adds parameters the SDK does not know. */
    protected Result token(ClientAuthentication client, AuthorizationGrant grant, String scope, Map<String, String> extra) {
        TokenRequest.Builder request = new TokenRequest.Builder(tokenEndpoint(), client, grant);
        if (scope != null) {
            request.scope(Scope.parse(scope));
        }
        extra.forEach(request::customParameter);
        return send(request.build());
    }

    /** A token request of a public client: {@code client_id} only, no credential. */
    protected Result publicToken(ClientID client, AuthorizationGrant grant, String scope) {
        TokenRequest.Builder request = new TokenRequest.Builder(tokenEndpoint(), client, grant);
        if (scope != null) {
            request.scope(Scope.parse(scope));
        }
        return send(request.build());
    }

    /** The test API that proves itself with the test certificate ({@code private_key_jwt}). */
    protected ClientAuthentication certificateApi() {
        try {
            return new PrivateKeyJWT(new ClientID(TestSeed.CERT_API), tokenEndpoint(), JWSAlgorithm.RS256,
                    TestKeyMaterial.get().clientPrivateKey(), null, null);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    protected Result send(TokenRequest request) {
        try {
            var http = request.toHTTPRequest();
            if (sslSocketFactory() != null) {
                http.setSSLSocketFactory(sslSocketFactory());
            }
            return new Result(http.send());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hand-made request to the token endpoint, for what no client library would send. */
    protected Result raw(String method, String body, String contentType, Map<String, String> headers) {
        return raw(tokenEndpoint(), method, body, contentType, headers);
    }

    /** A hand-made request to any of the sandbox's URIs, answered with JSON. */
    protected Result raw(URI uri, String method, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = RAW.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), parse(response.body()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GET to the ARM stand-in with {@code token} as the bearer, and any other headers. */
    protected HttpResponse<String> arm(URI uri, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        try {
            return RAW.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An admin operation on a user, {@code POST /admin/users/{upn}/{operation}} ({@code revoke-sessions}, {@code disable}, ...). */
    protected Result userAdmin(String userPrincipalName, String operation) {
        return raw(URI.create(base() + "/admin/users/" + userPrincipalName + "/" + operation), "POST", null, null, Map.of());
    }

    /** Revokes the user's sessions, as {@link #userAdmin}: answers the user's tokens-valid-from. */
    protected Instant revokeSessions(String userPrincipalName) {
        Result answer = userAdmin(userPrincipalName, "revoke-sessions");
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return Instant.parse((String) answer.body().get("tokensValidFrom"));
    }

    /** A service account token of the sandbox's Kubernetes {@code cluster}, by its admin mint ({@code expiresInSeconds} < 0: expired). */
    protected String serviceAccountToken(String cluster, String namespace, String serviceAccount, String audience, long expiresInSeconds) {
        String body = "{\"namespace\":\"" + namespace + "\",\"serviceAccount\":\"" + serviceAccount + "\""
                + (audience == null ? "" : ",\"audience\":\"" + audience + "\"") + ",\"expiresInSeconds\":" + expiresInSeconds + "}";
        Result minted = raw(URI.create(base() + "/admin/kubernetes/" + cluster + "/service-account-tokens"), "POST", body,
                "application/json", Map.of());
        assertThat(minted.status()).as("%s", minted.body()).isEqualTo(201);
        return (String) minted.body().get("token");
    }

    /** Asserts Entra's error JSON: {@code error}, an {@code error_description} starting {@code AADSTS<code>:}, the ids and time. */
    protected static void assertEntraError(Result result, int status, String error, int code) {
        assertThat(result.status()).as("%s", result.body()).isEqualTo(status);
        assertThat(result.error()).isEqualTo(error);
        assertThat(result.description()).startsWith("AADSTS" + code + ": ");
        assertThat(result.errorCode()).isEqualTo(code);
        assertThat(result.body()).containsKeys("timestamp", "trace_id", "correlation_id");
    }

    protected Result rawForm(String body) {
        return raw("POST", body, "application/x-www-form-urlencoded", Map.of());
    }

    private static JSONObject parse(String body) {
        try {
            return JSONObjectUtils.parse(body) == null ? null : new JSONObject(JSONObjectUtils.parse(body));
        } catch (java.text.ParseException e) {
            throw new AssertionError("not a JSON object: " + body, e);
        }
    }

    /** A user's access token for the API, by the password grant through the web app. */
    protected String userToken(String username, String scope) {
        Result result = token(web(), new ResourceOwnerPasswordCredentialsGrant(username, new Secret("sandbox")), scope, Map.of());
        assertThat(result.status()).as("ROPC for %s: %s", username, result.body()).isEqualTo(200);
        return result.accessToken();
    }

    /** Entra's On-Behalf-Of request, made by the API with its secret. */
    protected Result obo(String assertion, String scope) {
        return obo(api(), assertion, scope);
    }

    protected Result obo(ClientAuthentication client, String assertion, String scope) {
        try {
            return token(client, new JWTBearerGrant(SignedJWT.parse(assertion)), scope,
                    Map.of("requested_token_use", "on_behalf_of"));
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A token endpoint answer: status and JSON body, with Entra's error fields at hand. */
    public record Result(int status, JSONObject body) {

        public Result(HTTPResponse response) {
            this(response.getStatusCode(), json(response));
        }

        private static JSONObject json(HTTPResponse response) {
            try {
                return response.getBodyAsJSONObject();
            } catch (com.nimbusds.oauth2.sdk.ParseException e) {
                throw new AssertionError("not a JSON object: " + response.getBody(), e);
            }
        }

        public String accessToken() {
            return (String) body.get("access_token");
        }

        public JWTClaimsSet accessTokenClaims() {
            return claims(accessToken());
        }

        public String error() {
            return (String) body.get("error");
        }

        /** The first AADSTS number of {@code error_codes}. */
        public int errorCode() {
            Object codes = body.get("error_codes");
            assertThat(codes).as("error_codes in %s", body).isInstanceOf(List.class);
            return ((Number) ((List<?>) codes).get(0)).intValue();
        }

        public String description() {
            return (String) body.get("error_description");
        }
    }

    protected static JWTClaimsSet claims(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AssertionError("not a signed JWT", e);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class ClockConfig {
        @Bean
        @Primary
        public SettableClock mutableClock() {
            return new SettableClock();
        }
    }

    /** A resource's (ARM's, Graph's, the admin API's) answer with its JSON at hand. */
    public record Answer(HttpResponse<String> response) {

        public int status() {
            return response.statusCode();
        }

        public Map<String, Object> json() {
            try {
                return JSONObjectUtils.parse(response.body());
            } catch (ParseException e) {
                throw new AssertionError("not JSON: " + response.body(), e);
            }
        }

        /** The list member {@code name} of the JSON ({@code value}, say). */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> list(String name) {
            return (List<Map<String, Object>>) json().get(name);
        }

        /** The {@code error} object of ARM's and Graph's error JSON. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> error() {
            return (Map<String, Object>) json().get("error");
        }

        public String errorCode() {
            return (String) error().get("code");
        }
    }
}
