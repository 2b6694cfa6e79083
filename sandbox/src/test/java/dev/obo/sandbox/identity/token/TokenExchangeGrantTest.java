package dev.obo.sandbox.identity.token;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import org.junit.jupiter.api.Test;

import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.TestSeed;

import static dev.obo.sandbox.TestSeed.API;
import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 8693 token exchange, sent by the Nimbus SDK's own {@link TokenExchangeGrant}: On-Behalf-Of in the standard's words, with the same checks. */
class TokenExchangeGrantTest extends SandboxTest {

    @Test
    void exchangeWhenSubjectTokenIsForTheClientThenArmTokenAndIssuedTokenType() throws Exception {
        Result result = exchange(userToken("alice@onbehalf.test", API_SCOPE), Scope.parse(ARM_SCOPE), null);

        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        assertThat(result.body()).containsEntry("issued_token_type", "urn:ietf:params:oauth:token-type:access_token");
        assertThat(result.accessTokenClaims().getAudience()).containsExactly("https://management.azure.com/");
        assertThat(result.accessTokenClaims().getStringClaim("appid")).isEqualTo(API);
    }

    @Test
    void exchangeWhenAudienceInsteadOfScopeThenDefaultScopesOfThatResource() throws Exception {
        Result result = exchange(userToken("alice@onbehalf.test", API_SCOPE), null, "https://management.azure.com/");

        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        assertThat(result.accessTokenClaims().getStringClaim("scp")).isEqualTo("user_impersonation");
    }

    @Test
    void exchangeWhenSubjectTokenAudienceIsAnotherClientThenAadsts500131() {
        String armToken = obo(userToken("alice@onbehalf.test", API_SCOPE), ARM_SCOPE).accessToken();

        assertThat(exchange(armToken, Scope.parse(ARM_SCOPE), null).errorCode()).isEqualTo(500131);
    }

    @Test
    void exchangeWhenUserHasNotConsentedThenAadsts65001() {
        Result result = exchange(userToken("carol@onbehalf.test", API_SCOPE), Scope.parse(ARM_SCOPE), null);

        assertThat(result.errorCode()).isEqualTo(65001);
        assertThat(result.body()).containsEntry("suberror", "consent_required");
    }

    @Test
    void exchangeWhenConditionalAccessThenAadsts50076WithClaims() {
        Result result = exchange(userToken("dave@onbehalf.test", API_SCOPE), Scope.parse(ARM_SCOPE), null);

        assertThat(result.errorCode()).isEqualTo(50076);
        assertThat(result.body()).containsKey("claims");
    }

    private Result exchange(String subjectToken, Scope scope, String audience) {
        TokenExchangeGrant grant = new TokenExchangeGrant(new BearerAccessToken(subjectToken), TokenTypeURI.ACCESS_TOKEN);
        TokenRequest.Builder request = new TokenRequest.Builder(tokenEndpoint(), api(), grant);
        if (scope != null) {
            request.scope(scope);
        }
        if (audience != null) {
            request.customParameter("audience", audience);
        }
        return send(request.build());
    }
}
