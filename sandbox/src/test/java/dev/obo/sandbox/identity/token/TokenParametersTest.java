package dev.obo.sandbox.identity.token;

import java.net.URI;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.TestSeed;
import dev.obo.sandbox.identity.jose.TenantTokenVerifier;

import static dev.obo.sandbox.TestSeed.API;
import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static dev.obo.sandbox.TestSeed.WEB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint reads its parameters from the form body alone, as Entra does: a parameter
 * that is only in the URL's query string counts as missing, so a secret, a password or an
 * assertion in a URL (where proxies and logs keep it) never authenticates anyone.
 */
class TokenParametersTest extends SandboxTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String OBO = "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&requested_token_use=on_behalf_of";

    static Stream<Arguments> queryOnly() {
        return Stream.of(
                row("grant_type only in the query", "grant_type=client_credentials",
                        "client_id=" + WEB + "&client_secret=web-secret&scope=api://" + API + "/.default", 400, "invalid_request", 900144),
                row("client_secret only in the query", "client_secret=web-secret",
                        "grant_type=client_credentials&client_id=" + WEB + "&scope=api://" + API + "/.default", 401, "invalid_client", 7000218),
                row("username and password only in the query", "username=alice@onbehalf.test&password=sandbox",
                        "grant_type=password&client_id=" + WEB + "&client_secret=web-secret&scope=" + API_SCOPE, 400, "invalid_request", 900144),
                row("OBO assertion only in the query", "assertion={assertion}",
                        OBO + "&client_id=" + API + "&client_secret=api-secret&scope=" + ARM_SCOPE, 400, "invalid_request", 900144),
                row("client assertion only in the query", "client_assertion={clientAssertion}",
                        "grant_type=client_credentials&client_assertion_type=" + JWTAuthentication.CLIENT_ASSERTION_TYPE
                                + "&client_id=" + TestSeed.CERT_API + "&scope=api://" + API + "/.default", 400, "invalid_request", 900144),
                row("everything in the query, nothing in the body", "grant_type=client_credentials&client_id=" + WEB
                        + "&client_secret=web-secret&scope=api://" + API + "/.default", "", 400, "invalid_request", 900144));
    }

    private static Arguments row(String proves, String query, String body, int status, String error, int code) {
        return Arguments.of(proves, query, body, status, error, code);
    }

    @ParameterizedTest(name = "{0} -> AADSTS{5}")
    @MethodSource("queryOnly")
    void tokenWhenParameterOnlyInQueryThenRefusedAsMissingAndNoToken(String proves, String query, String body, int status,
                                                                    String error, int code) {
        Result result = raw(withQuery(query), "POST", body, FORM, Map.of());

        assertThat(result.status()).as(proves).isEqualTo(status);
        assertThat(result.error()).as(proves).isEqualTo(error);
        assertThat(result.errorCode()).as(proves).isEqualTo(code);
        assertThat(result.description()).as(proves).startsWith("AADSTS" + code + ": ");
        assertThat(result.body()).as(proves).containsKeys("trace_id", "correlation_id", "timestamp").doesNotContainKey("access_token");
    }

    @Test
    void tokenWhenQueryRepeatsABodyParameterThenTheBodyAloneCounts() {
        Result result = raw(withQuery("username=bob@onbehalf.test&scope=openid"), "POST",
                "grant_type=password&client_id=" + WEB + "&client_secret=web-secret&username=alice@onbehalf.test&password=sandbox&scope="
                        + API_SCOPE, FORM, Map.of());

        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        assertThat(result.accessTokenClaims().getAudience()).containsExactly(API);
        assertThat(claim(result, "preferred_username")).isEqualTo("alice@onbehalf.test");
    }

    private URI withQuery(String query) {
        String filled = query.replace("{assertion}", userToken("alice@onbehalf.test", API_SCOPE))
                .replace("{clientAssertion}", ((PrivateKeyJWT) certificateApi()).getClientAssertion().serialize());
        return URI.create(tokenEndpoint() + "?" + filled);
    }

    private static String claim(Result result, String name) {
        return TenantTokenVerifier.stringClaim(result.accessTokenClaims(), name);
    }
}
