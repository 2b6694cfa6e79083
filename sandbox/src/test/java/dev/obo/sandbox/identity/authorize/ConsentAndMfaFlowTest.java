package dev.obo.sandbox.identity.authorize;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.test.annotation.DirtiesContext;

import dev.obo.sandbox.AuthorizationRequest;
import dev.obo.sandbox.BrowserlessUser;
import dev.obo.sandbox.BrowserlessUser.Page;
import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.TestSeed;
import dev.obo.sandbox.identity.conditionalaccess.ConditionalAccess;

import static dev.obo.sandbox.TestSeed.API;
import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static dev.obo.sandbox.TestSeed.GRAPH_SCOPE;
import static dev.obo.sandbox.TestSeed.WEB;
import static dev.obo.sandbox.TestSeed.WEB_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consent and conditional access end to end, as the web app will drive them: carol's
 * On-Behalf-Of fails until she consents through the web app ({@code knownClientApplications}
 * carries her consent to the API's ARM and Graph permissions); dave's fails with a claims challenge until
 * he signs in again with it and passes the second factor.
 */
// Consent given here stays in the sandbox's directory: this class gets a context of its own.
@DirtiesContext
class ConsentAndMfaFlowTest extends SandboxTest {

    @Test
    void carolWhenShePromptedConsentAndAcceptsThenOnBehalfOfForArmAndGraphSucceeds() throws Exception {
        String before = userToken("carol@onbehalf.test", API_SCOPE);
        assertThat(obo(before, ARM_SCOPE).errorCode()).isEqualTo(65001);
        assertThat(obo(before, GRAPH_SCOPE).errorCode()).isEqualTo(65001);
        BrowserlessUser carol = new BrowserlessUser(base());
        AuthorizationCodeFlowTest.signIn(carol, new AuthorizationRequest(authorizeEndpoint(), WEB, WEB_REDIRECT, "openid " + API_SCOPE),
                "carol@onbehalf.test").answer();
        Map<String, String> silent = carol.open(consentRequest().with("prompt", "none").uri()).answer();
        assertThat(silent).as("prompt=none cannot ask for consent").containsEntry("error", "invalid_grant")
                .containsEntry("suberror", "consent_required");

        AuthorizationRequest request = consentRequest();
        Page consent = carol.open(request.uri());
        assertThat(consent.title()).startsWith("Permissions requested");
        assertThat(consent.document().select(".permissions li").eachText())
                .anySatisfy(line -> assertThat(line).contains("OnBehalf API", "Windows Azure Service Management API", "user_impersonation"))
                .anySatisfy(line -> assertThat(line).contains("OnBehalf API", "Microsoft Graph", "User.Read"));

        Map<String, String> answer = carol.submit(consent, "form", Map.of("decision", "accept")).answer();
        Result tokens = redeem(answer.get("code"), request);

        assertThat(tokens.status()).as("%s", tokens.body()).isEqualTo(200);
        Result arm = obo(tokens.accessToken(), ARM_SCOPE);
        assertThat(arm.status()).as("%s", arm.body()).isEqualTo(200);
        Result graph = obo(tokens.accessToken(), GRAPH_SCOPE);
        assertThat(graph.status()).as("%s", graph.body()).isEqualTo(200);
        assertThat(graph.accessTokenClaims().getStringClaim("scp")).isEqualTo("User.Read");
    }

    @Test
    void consentWhenUserCancelsThenAccessDeniedAadsts65004() {
        BrowserlessUser bob = new BrowserlessUser(base());
        Page consent = AuthorizationCodeFlowTest.signIn(bob, consentRequest(), "bob@onbehalf.test");

        Map<String, String> answer = bob.submit(consent, "form", Map.of("decision", "cancel")).answer();

        assertThat(answer).containsEntry("error", "access_denied");
        assertThat(answer.get("error_description")).startsWith("AADSTS65004");
    }

    @Test
    void daveWhenHeSignsInAgainWithTheClaimsChallengeThenSecondFactorAndOnBehalfOfSucceeds() throws Exception {
        Result challenge = obo(userToken("dave@onbehalf.test", API_SCOPE), ARM_SCOPE);
        assertThat(challenge.errorCode()).isEqualTo(50076);
        BrowserlessUser dave = new BrowserlessUser(base());
        AuthorizationRequest request = new AuthorizationRequest(authorizeEndpoint(), WEB, WEB_REDIRECT,
                "openid profile offline_access " + API_SCOPE).with("claims", (String) challenge.body().get("claims"));

        Page mfa = AuthorizationCodeFlowTest.signIn(dave, request, "dave@onbehalf.test");
        assertThat(mfa.title()).startsWith("Verify your identity");
        Page wrong = dave.submit(mfa, "form", Map.of("code", "000000".equals(mfa.text("#one-time-code")) ? "111111" : "000000"));
        assertThat(wrong.text(".error")).contains("not right");
        Map<String, String> answer = dave.submit(wrong, "form", Map.of("code", mfa.text("#one-time-code"))).answer();
        Result tokens = redeem(answer.get("code"), request);

        assertThat(tokens.accessTokenClaims().getStringListClaim("amr")).contains("pwd", "mfa");
        Result arm = obo(tokens.accessToken(), ARM_SCOPE);
        assertThat(arm.status()).as("%s", arm.body()).isEqualTo(200);
        assertThat(arm.accessTokenClaims().getStringListClaim("amr")).contains("mfa");
        assertThat(arm.accessTokenClaims().getClaim("acrs")).isEqualTo(List.of(ConditionalAccess.AUTH_CONTEXT));
    }

    private AuthorizationRequest consentRequest() {
        return new AuthorizationRequest(authorizeEndpoint(), WEB, WEB_REDIRECT, "openid profile offline_access api://" + API + "/.default")
                .with("prompt", "consent");
    }

    private Result redeem(String code, AuthorizationRequest request) {
        return token(web(), new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(WEB_REDIRECT),
                new CodeVerifier(request.codeVerifier)), null, Map.of());
    }
}
