package dev.obo.sandbox.identity;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.obo.sandbox.RunningSandbox;

import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static dev.obo.sandbox.TestSeed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sandbox that stands in for Entra under Entra's own host name ({@code base-url}
 * {@code https://login.microsoftonline.com}) issues Entra's issuers exactly: v2.0 tokens
 * {@code https://login.microsoftonline.com/{tid}/v2.0}, v1.0 tokens {@code https://sts.windows.net/{tid}/}.
 */
@TestPropertySource(properties = "sandbox.identity.base-url=https://login.microsoftonline.com")
class EntraBaseUrlIT extends RunningSandbox {

    @Test
    void tokensWhenBaseUrlIsEntrasHostThenEntrasV2AndV1Issuers() throws Exception {
        String user = userToken("alice@onbehalf.test", API_SCOPE);
        Result arm = obo(user, ARM_SCOPE);

        assertThat(arm.status()).as("%s", arm.body()).isEqualTo(200);
        assertThat(claims(user).getIssuer()).isEqualTo("https://login.microsoftonline.com/" + TENANT + "/v2.0");
        assertThat(arm.accessTokenClaims().getIssuer()).isEqualTo("https://sts.windows.net/" + TENANT + "/");
    }

    @Test
    void instanceDiscoveryWhenBaseUrlSetThenOnlyItsHostIsAnInstance() {
        String query = "/common/discovery/instance?api-version=1.1&authorization_endpoint=https://%s/" + TENANT + "/oauth2/v2.0/authorize";

        Result entra = raw(URI.create(base() + query.formatted("login.microsoftonline.com")), "GET", null, null, Map.of());
        Result other = raw(URI.create(base() + query.formatted("localhost")), "GET", null, null, Map.of());

        assertThat(entra.status()).isEqualTo(200);
        assertThat(entra.body()).containsEntry("tenant_discovery_endpoint",
                "https://login.microsoftonline.com/" + TENANT + "/v2.0/.well-known/openid-configuration");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.errorCode()).isEqualTo(50049);
    }

    @Test
    void armWhenV1TokenOfEntrasIssuerThenAccepted() {
        String token = obo(userToken("alice@onbehalf.test", API_SCOPE), ARM_SCOPE).accessToken();

        assertThat(arm(URI.create(base() + "/subscriptions?api-version=2022-12-01"), token, Map.of()).statusCode()).isEqualTo(200);
    }
}
