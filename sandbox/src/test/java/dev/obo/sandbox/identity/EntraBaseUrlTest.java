package dev.obo.sandbox.identity;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.obo.sandbox.SandboxTest;

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
class EntraBaseUrlTest extends SandboxTest {

    @Test
    void tokensWhenBaseUrlIsEntrasHostThenEntrasV2AndV1Issuers() throws Exception {
        String user = userToken("alice@onbehalf.test", API_SCOPE);
        Result arm = obo(user, ARM_SCOPE);

        assertThat(arm.status()).as("%s", arm.body()).isEqualTo(200);
        assertThat(claims(user).getIssuer()).isEqualTo("https://login.microsoftonline.com/" + TENANT + "/v2.0");
        assertThat(arm.accessTokenClaims().getIssuer()).isEqualTo("https://sts.windows.net/" + TENANT + "/");
    }

    @Test
    void armWhenV1TokenOfEntrasIssuerThenAccepted() {
        String token = obo(userToken("alice@onbehalf.test", API_SCOPE), ARM_SCOPE).accessToken();

        assertThat(arm(URI.create(base() + "/subscriptions?api-version=2022-12-01"), token, Map.of()).statusCode()).isEqualTo(200);
    }
}
