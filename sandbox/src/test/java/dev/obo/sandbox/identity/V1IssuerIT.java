package dev.obo.sandbox.identity;

import java.net.URI;
import java.util.Map;

import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.obo.sandbox.RunningSandbox;
import dev.obo.sandbox.TestSeed;

import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static dev.obo.sandbox.TestSeed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sandbox.identity.v1-issuer-base} sets the issuer of v1.0 tokens, so that an API left on
 * v1.0 tokens can be rehearsed against Entra's {@code https://sts.windows.net/{tid}/}, and the
 * sandbox still takes those tokens back: as an On-Behalf-Of assertion and at ARM.
 */
@TestPropertySource(properties = "sandbox.identity.v1-issuer-base=https://sts.windows.net/")
class V1IssuerIT extends RunningSandbox {

    static final String STS = "https://sts.windows.net/" + TENANT + "/";

    @Test
    void oboWhenResourceTakesV1TokensThenTheirIssuerIsTheConfiguredOne() throws Exception {
        Result arm = obo(userToken("alice@onbehalf.test", API_SCOPE), ARM_SCOPE);

        assertThat(arm.accessTokenClaims().getIssuer()).isEqualTo(STS);
        assertThat(arm.accessTokenClaims().getStringClaim("ver")).isEqualTo("1.0");
    }

    @Test
    void v2TokensWhenV1IssuerConfiguredThenKeepTheV2Issuer() throws Exception {
        assertThat(claims(userToken("alice@onbehalf.test", API_SCOPE)).getIssuer()).isEqualTo(issuer());
    }

    @Test
    void armWhenV1TokenOfTheConfiguredIssuerThenAccepted() {
        String token = obo(userToken("alice@onbehalf.test", API_SCOPE), ARM_SCOPE).accessToken();

        assertThat(arm(URI.create(base() + "/subscriptions?api-version=2022-12-01"), token, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void oboWhenAssertionIsAV1TokenOfTheConfiguredIssuerThenAccepted() throws Exception {
        String assertion = publicToken(new ClientID(TestSeed.CLI), new ResourceOwnerPasswordCredentialsGrant("bob@onbehalf.test",
                new Secret("sandbox")), TestSeed.LEGACY_API_SCOPE).accessToken();
        assertThat(claims(assertion).getIssuer()).isEqualTo(STS);

        Result result = obo(new ClientSecretBasic(new ClientID(TestSeed.LEGACY_API), new Secret("legacy-secret")), assertion, ARM_SCOPE);

        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        assertThat(result.accessTokenClaims().getIssuer()).isEqualTo(STS);
    }
}
