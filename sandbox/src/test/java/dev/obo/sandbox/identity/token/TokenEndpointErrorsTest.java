package dev.obo.sandbox.identity.token;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.TestSeed;

import static dev.obo.sandbox.TestSeed.API;
import static dev.obo.sandbox.TestSeed.TENANT;
import static dev.obo.sandbox.TestSeed.WEB;
import static org.assertj.core.api.Assertions.assertThat;

/** The token endpoint's refusals that need no token: one row per bad request, each with Entra's AADSTS code. */
class TokenEndpointErrorsTest extends SandboxTest {

    static final String WEB_AUTH = "&client_id=" + WEB + "&client_secret=web-secret";

    static Stream<Arguments> badRequests() {
        return Stream.of(
                row("no grant_type", "client_id=" + WEB, 400, "invalid_request", 900144),
                row("unsupported grant_type", "grant_type=implicit" + WEB_AUTH, 400, "unsupported_grant_type", 70003),
                row("device code grant is not offered", "grant_type=urn:ietf:params:oauth:grant-type:device_code" + WEB_AUTH, 400, "unsupported_grant_type", 70003),
                row("parameter sent twice", "grant_type=password&grant_type=password" + WEB_AUTH, 400, "invalid_request", 9000411),
                row("scope sent twice", "grant_type=client_credentials&scope=a&scope=b" + WEB_AUTH, 400, "invalid_request", 9000411),
                row("no client_id", "grant_type=client_credentials&scope=api://" + API + "/.default", 400, "invalid_request", 900144),
                row("unknown client", "grant_type=client_credentials&client_id=00000000-0000-0000-0000-000000000000&client_secret=x", 400, "unauthorized_client", 700016),
                row("wrong client secret", "grant_type=client_credentials&client_id=" + WEB + "&client_secret=nope&scope=api://" + API + "/.default", 401, "invalid_client", 7000215),
                row("confidential client without credential", "grant_type=password&client_id=" + WEB + "&username=a&password=b&scope=openid", 401, "invalid_client", 7000218),
                row("public client presenting a secret", "grant_type=password&client_id=" + TestSeed.CLI + "&client_secret=x&username=a&password=b&scope=openid", 401, "invalid_client", 700025),
                row("secret in body and in Basic header", "grant_type=client_credentials&client_secret=web-secret&client_id=" + WEB, 400, "invalid_request", 9002313),
                row("bad password", "grant_type=password&username=alice@onbehalf.test&password=wrong&scope=openid" + WEB_AUTH, 400, "invalid_grant", 50126),
                row("unknown user", "grant_type=password&username=mallory@onbehalf.test&password=sandbox&scope=openid" + WEB_AUTH, 400, "invalid_grant", 50126),
                row("password grant without scope", "grant_type=password&username=alice@onbehalf.test&password=sandbox" + WEB_AUTH, 400, "invalid_request", 900144),
                row("scope of a resource that does not exist", "grant_type=password&username=alice@onbehalf.test&password=sandbox&scope=api://nope/x" + WEB_AUTH, 400, "invalid_resource", 500011),
                row("bare Graph scope the sandbox's Graph does not expose", "grant_type=password&username=alice@onbehalf.test&password=sandbox&scope=Calendars.Read" + WEB_AUTH, 400, "invalid_scope", 70011),
                row("bare Graph scope the client does not require", "grant_type=password&username=alice@onbehalf.test&password=sandbox&scope=User.Read" + WEB_AUTH, 400, "invalid_client", 65005),
                row("client credentials without .default", "grant_type=client_credentials&scope=api://" + API + "/access_as_user" + WEB_AUTH, 400, "invalid_scope", 1002012),
                row("OBO without assertion", "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&requested_token_use=on_behalf_of&scope=openid&client_id=" + API + "&client_secret=api-secret", 400, "invalid_request", 900144),
                row("OBO with a garbage assertion", "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&requested_token_use=on_behalf_of&assertion=abc.def.ghi&scope=https://management.azure.com/user_impersonation&client_id=" + API + "&client_secret=api-secret", 400, "invalid_grant", 50013),
                row("OBO with an alg:none assertion", "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&requested_token_use=on_behalf_of&assertion=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.&scope=https://management.azure.com/user_impersonation&client_id=" + API + "&client_secret=api-secret", 400, "invalid_grant", 50013),
                row("OBO with another requested_token_use", "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&requested_token_use=impersonate&assertion=x&scope=openid&client_id=" + API + "&client_secret=api-secret", 400, "invalid_request", 9002313),
                row("code grant without code", "grant_type=authorization_code&redirect_uri=http://localhost:8000/account/callback" + WEB_AUTH, 400, "invalid_request", 900144),
                row("refresh grant with an unknown token", "grant_type=refresh_token&refresh_token=nope" + WEB_AUTH, 400, "invalid_grant", 70000),
                row("token exchange with an unsupported subject_token_type", "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=x&subject_token_type=urn:ietf:params:oauth:token-type:saml2&scope=openid&client_id=" + API + "&client_secret=api-secret", 400, "invalid_request", 9002313));
    }

    private static Arguments row(String proves, String body, int status, String error, int code) {
        return Arguments.of(proves, body, status, error, code);
    }

    @ParameterizedTest(name = "{0} -> AADSTS{4}")
    @MethodSource("badRequests")
    void tokenWhenBadRequestThenEntraError(String proves, String body, int status, String error, int code) {
        Map<String, String> headers = proves.contains("Basic header")
                ? Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((WEB + ":web-secret").getBytes()))
                : Map.of();

        Result result = raw("POST", body, "application/x-www-form-urlencoded", headers);

        assertThat(result.status()).as(proves).isEqualTo(status);
        assertThat(result.error()).as(proves).isEqualTo(error);
        assertThat(result.errorCode()).as(proves).isEqualTo(code);
        assertThat(result.description()).as(proves).startsWith("AADSTS" + code + ": ").contains("Trace ID:", "Correlation ID:");
        assertThat(result.body()).as(proves).containsKeys("timestamp", "trace_id", "correlation_id", "error_uri");
    }

    @org.junit.jupiter.api.Test
    void tokenWhenGetThenAadsts900561() {
        Result result = raw("GET", null, null, Map.of());

        assertThat(result.errorCode()).isEqualTo(900561);
    }

    @org.junit.jupiter.api.Test
    void tokenWhenUnknownTenantThenAadsts90002() {
        Result result = send(new com.nimbusds.oauth2.sdk.TokenRequest.Builder(
                java.net.URI.create(base() + "/contoso.example/oauth2/v2.0/token"), web(),
                new com.nimbusds.oauth2.sdk.ClientCredentialsGrant()).build());

        assertThat(result.errorCode()).isEqualTo(90002);
    }

    @org.junit.jupiter.api.Test
    void tokenWhenTenantGivenByDomainThenAccepted() throws Exception {
        Result result = send(new com.nimbusds.oauth2.sdk.TokenRequest.Builder(
                java.net.URI.create(base() + "/onbehalf.test/oauth2/v2.0/token"), web(),
                new com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant("bob@onbehalf.test",
                        new com.nimbusds.oauth2.sdk.auth.Secret("sandbox"))).scope(com.nimbusds.oauth2.sdk.Scope.parse("openid")).build());

        assertThat(result.status()).isEqualTo(200);
        assertThat(claims(result.accessToken()).getStringClaim("tid")).isEqualTo(TENANT);
    }
}
