package dev.obo.sandbox.identity.token;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.obo.sandbox.RunningSandbox;
import dev.obo.sandbox.TestSeed;
import dev.obo.sandbox.junit.AuthorizationRequest;
import dev.obo.sandbox.junit.BrowserlessUser;

import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static dev.obo.sandbox.TestSeed.GRAPH_SCOPE;
import static dev.obo.sandbox.TestSeed.TOOL;
import static dev.obo.sandbox.TestSeed.TOOL_REDIRECT;
import static dev.obo.sandbox.TestSeed.WEB;
import static dev.obo.sandbox.TestSeed.WEB_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CAE tokens: a client that declares the capability {@code cp1} in {@code claims}, on any grant,
 * gets for ARM and Graph (the CAE-enabled resources) an access token with {@code xms_cc} that lives
 * {@code cae-token-lifetime} (24 hours); every other token keeps the hour and has no {@code xms_cc}.
 */
class CaeTokensIT extends RunningSandbox {

    static final String CP1 = "{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}";
    private static final long HOUR = 3600;
    private static final long DAY = 86_400;

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
            "https://management.azure.com/user_impersonation | " + CP1 + "                                              | cp1 | 86400",
            "https://graph.microsoft.com/User.Read           | " + CP1 + "                                              | cp1 | 86400",
            "User.Read                                       | {\"access_token\":{\"xms_cc\":{\"values\":[\"CP1\"]}}}    | CP1 | 86400",
            "https://management.azure.com/user_impersonation | {\"access_token\":{\"xms_cc\":{\"values\":[\"foo\",\"cp1\"]}}} | foo;cp1 | 86400",
            "https://management.azure.com/user_impersonation | {\"access_token\":{\"xms_cc\":{\"values\":[\"foo\"]}}}    | ''  | 3600",
            "https://management.azure.com/user_impersonation | {}                                                     | ''  | 3600",
    })
    void passwordWhenClaimsDeclareCapabilitiesThenCp1MakesACaeTokenForArmAndGraph(String scope, String claims, String xmsCc, long lifetime)
            throws Exception {
        Result tokens = token(tool(), password("alice@onbehalf.test"), scope, Map.of("claims", claims));

        assertThat(tokens.status()).as("%s", tokens.body()).isEqualTo(200);
        assertCae(tokens, xmsCc.isEmpty() ? null : List.of(xmsCc.split(";")), lifetime);
    }

    @Test
    void passwordWhenCp1DeclaredForAnotherResourceThenNoXmsCcAndTheHour() throws Exception {
        Result tokens = token(web(), password("alice@onbehalf.test"), API_SCOPE, Map.of("claims", CP1));

        assertCae(tokens, null, HOUR);
    }

    @Test
    void passwordWhenNoClaimsThenNoXmsCcAndTheHour() throws Exception {
        assertCae(token(tool(), password("alice@onbehalf.test"), ARM_SCOPE, Map.of()), null, HOUR);
    }

    @Test
    void oboWhenTheApiDeclaresCp1ThenCaeTokensForArmAndGraphWhateverTheAssertion() throws Exception {
        String assertion = userToken("alice@onbehalf.test", API_SCOPE);

        assertCae(obo(assertion, ARM_SCOPE, CP1), List.of("cp1"), DAY);
        assertCae(obo(assertion, GRAPH_SCOPE, CP1), List.of("cp1"), DAY);
        assertCae(obo(assertion, ARM_SCOPE, null), null, HOUR);
    }

    @Test
    void tokenExchangeWhenCp1DeclaredThenACaeTokenForArm() throws Exception {
        TokenExchangeGrant grant = new TokenExchangeGrant(new BearerAccessToken(userToken("alice@onbehalf.test", API_SCOPE)),
                TokenTypeURI.ACCESS_TOKEN);

        Result exchanged = token(api(), grant, ARM_SCOPE, Map.of("claims", CP1));


        assertCae(exchanged, List.of("cp1"), DAY);
    }

    @Test
    void refreshWhenCp1DeclaredOnTheRefreshThenACaeTokenAndWithoutItTheHour() throws Exception {
        Result first = token(tool(), password("alice@onbehalf.test"), "offline_access " + ARM_SCOPE, Map.of());
        assertCae(first, null, HOUR);

        Result cae = token(tool(), refresh(first), null, Map.of("claims", CP1));
        assertCae(cae, List.of("cp1"), DAY);
        Result plain = token(tool(), refresh(cae), null, Map.of());
        assertCae(plain, null, HOUR);
    }

    @Test
    void clientCredentialsWhenCp1DeclaredThenACaeAppTokenForGraph() throws Exception {
        ClientAuthentication daemon = new ClientSecretBasic(new ClientID(TestSeed.DAEMON), new Secret("daemon-secret"));

        assertCae(token(daemon, new ClientCredentialsGrant(), "https://graph.microsoft.com/.default", Map.of("claims", CP1)),
                List.of("cp1"), DAY);
        assertCae(token(daemon, new ClientCredentialsGrant(), "https://graph.microsoft.com/.default", Map.of()), null, HOUR);
    }

    @ParameterizedTest(name = "authorize claims {0}, token claims {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            CP1 + " | none    | true",
            "none   | " + CP1 + " | true",
            "none   | none    | false",
    })
    void codeWhenEitherTheAuthorizeOrTheTokenRequestDeclaresCp1ThenACaeToken(String authorizeClaims, String tokenClaims, boolean cae)
            throws Exception {
        AuthorizationRequest request = new AuthorizationRequest(authorizeEndpoint(), TOOL, TOOL_REDIRECT, "openid " + ARM_SCOPE)
                .with("claims", authorizeClaims);
        BrowserlessUser alice = BrowserlessUser.within(base());
        Map<String, String> answer = alice.signIn(alice.open(request.uri()), "alice@onbehalf.test").answer();

        Result tokens = token(tool(), new AuthorizationCodeGrant(new AuthorizationCode(answer.get("code")), URI.create(TOOL_REDIRECT),
                new CodeVerifier(request.codeVerifier)), null, tokenClaims == null ? Map.of() : Map.of("claims", tokenClaims));

        assertCae(tokens, cae ? List.of("cp1") : null, cae ? DAY : HOUR);
        assertThat(claims((String) tokens.body().get("id_token")).getClaim("xms_cc")).as("only access tokens").isNull();
    }

    @Test
    void codeWhenTheWebAppDeclaresCp1ForTheApiThenNoXmsCc() throws Exception {
        AuthorizationRequest request = new AuthorizationRequest(authorizeEndpoint(), WEB, WEB_REDIRECT, "openid " + API_SCOPE)
                .with("claims", CP1);
        BrowserlessUser alice = BrowserlessUser.within(base());
        Map<String, String> answer = alice.signIn(alice.open(request.uri()), "alice@onbehalf.test").answer();

        Result tokens = token(web(), new AuthorizationCodeGrant(new AuthorizationCode(answer.get("code")), URI.create(WEB_REDIRECT),
                new CodeVerifier(request.codeVerifier)), null, Map.of());

        assertCae(tokens, null, HOUR);
    }

    @Test
    void tokenWhenClaimsIsNotAJsonObjectThenAadsts9002313() {
        Result refused = token(tool(), password("alice@onbehalf.test"), ARM_SCOPE, Map.of("claims", "[\"cp1\"]"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(9002313);
        assertThat(refused.error()).isEqualTo("invalid_request");
    }

    static ClientAuthentication tool() {
        return new ClientSecretBasic(new ClientID(TOOL), new Secret("tool-secret"));
    }

    static ResourceOwnerPasswordCredentialsGrant password(String username) {
        return new ResourceOwnerPasswordCredentialsGrant(username, new Secret("sandbox"));
    }

    private static RefreshTokenGrant refresh(Result tokens) {
        return new RefreshTokenGrant(new RefreshToken((String) tokens.body().get("refresh_token")));
    }

    private Result obo(String assertion, String scope, String claims) throws Exception {
        return token(api(), new JWTBearerGrant(SignedJWT.parse(assertion)), scope,
                claims == null ? Map.of("requested_token_use", "on_behalf_of") : Map.of("requested_token_use", "on_behalf_of", "claims", claims));
    }

    private static void assertCae(Result tokens, List<String> xmsCc, long lifetime) throws Exception {
        assertThat(tokens.status()).as("%s", tokens.body()).isEqualTo(200);
        JWTClaimsSet access = tokens.accessTokenClaims();
        assertThat(access.getClaim("xms_cc")).isEqualTo(xmsCc);
        long seconds = (access.getExpirationTime().getTime() - access.getIssueTime().getTime()) / 1000;
        assertThat(seconds).isEqualTo(lifetime);
        assertThat(((Number) tokens.body().get("expires_in")).longValue()).isBetween(lifetime - 5, lifetime);
    }
}
