package dev.obo.api.obo;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.AuthorizationRequest;
import dev.obo.sandbox.junit.BrowserlessUser;
import dev.obo.sandbox.junit.BrowserlessUser.Page;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.Sandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Continuous access evaluation through the API, against a sandbox of this test's own (its users'
 * sessions are revoked and disabled here): the API declares {@code cp1}, so ARM's token is a CAE
 * token; after the user's sessions are revoked, ARM refuses it at the next request and the API
 * answers 401 {@code insufficient_claims} with ARM's claims, without an On-Behalf-Of request, on
 * this and every later call with the old token; a new sign-in with the claims gives a token that
 * is served at once, for one On-Behalf-Of request.
 */
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS)
class ContinuousAccessEvaluationIT extends RunningApi {

    private static final Pattern CLAIMS = Pattern.compile("(?:^|[\\s,])claims=\"([^\"]*)\"");

    /** Tokens made before the event: two seconds back, since the sandbox revokes to the second. */
    @BeforeEach
    void earlier() {
        sandbox().clock().advance(Duration.ofSeconds(-2));
    }

    @AfterEach
    void now() {
        sandbox().clock().reset();
    }

    @Test
    void getSubscriptionsWhenSessionsRevokedThenNextRequest401ClaimsChallengeWithNoOboWastedThenNewSignIn200() throws Exception {
        String before = sandbox().userToken(DemoTenant.ALICE);
        assertThat(get("/subscriptions", before).statusCode()).isEqualTo(200);
        long obo = sandbox().oboRequests();
        sandbox().clock().reset();

        long revokedAt = System.nanoTime();
        sandbox().revokeSessions(DemoTenant.ALICE);
        HttpResponse<String> refused = get("/subscriptions", before);
        long refusedAfterMillis = (System.nanoTime() - revokedAt) / 1_000_000;

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(json(refused)).containsEntry("type", "urn:onbehalf:problem:downstream-claims-challenge").containsEntry("downstream", "arm");
        String claims = claims(refused);
        assertThat(claims).contains("\"nbf\"", "\"essential\":true");
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_claims\"");
        System.out.println("revocation to refusal: " + refusedAfterMillis + " ms, the first request after it");

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> again = get("/subscriptions", before);
            assertThat(again.statusCode()).isEqualTo(401);
            assertThat(json(again)).containsEntry("type", "urn:onbehalf:problem:downstream-claims-challenge");
        }
        assertThat(sandbox().oboRequests()).as("no On-Behalf-Of request for the old token").isEqualTo(obo);

        String after = signInAgainWith(DemoTenant.ALICE, claims);
        HttpResponse<String> served = get("/subscriptions", after);
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(value(served)).hasSize(2);
        assertThat(sandbox().oboRequests()).as("one On-Behalf-Of request, for the new token").isEqualTo(obo + 1);
    }

    @Test
    void getSubscriptionsWhenSessionsRevokedBeforeTheFirstCallThen401InvalidTokenWithTheClaims() {
        String before = sandbox().userToken(DemoTenant.BOB);
        sandbox().clock().reset();
        sandbox().revokeSessions(DemoTenant.BOB);
        long obo = sandbox().oboRequests();

        HttpResponse<String> refused = get("/subscriptions", before);
        HttpResponse<String> again = get("/subscriptions", before);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        assertThat(json(refused)).containsEntry("type", "urn:onbehalf:problem:invalid-token");
        assertThat(json(refused).get("detail").toString()).contains("AADSTS50173");
        assertThat(claims(refused)).contains("\"nbf\"");
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(sandbox().oboRequests()).as("one On-Behalf-Of attempt for the old token, remembered").isEqualTo(obo + 1);
    }

    @Test
    void getSubscriptionsWhenUserDisabledThen401AndAfterEnableANewTokenIsServed() {
        String before = sandbox().userToken(DemoTenant.ERIN);
        assertThat(get("/subscriptions", before).statusCode()).isEqualTo(200);
        sandbox().clock().reset();

        sandbox().disable(DemoTenant.ERIN);
        HttpResponse<String> refused = get("/subscriptions", before);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused)).containsEntry("type", "urn:onbehalf:problem:downstream-claims-challenge");

        sandbox().enable(DemoTenant.ERIN);
        HttpResponse<String> served = get("/subscriptions", sandbox().userToken(DemoTenant.ERIN));
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    }

    private static String claims(HttpResponse<String> response) {
        Matcher m = CLAIMS.matcher(response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertThat(m.find()).as("claims in WWW-Authenticate").isTrue();
        return new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
    }

    /** The user signs in again at the sandbox's page with the claims, as the web app sends them; the code is redeemed as the web app does. */
    private static String signInAgainWith(String username, String claims) {
        Sandbox sandbox = sandbox();
        BrowserlessUser user = BrowserlessUser.within(sandbox.base());
        AuthorizationRequest request = new AuthorizationRequest(URI.create(sandbox.authorizeEndpoint()),
                DemoTenant.WEB, "http://localhost:8000/account/callback", "openid " + DemoTenant.API_SCOPE).with("claims", claims);
        Page login = user.open(request.uri());
        assertThat(login.title()).as("a fresh sign-in").startsWith("Sign in");
        String code = user.signIn(login, username).answer().get("code");
        return sandbox.token(Map.of("grant_type", "authorization_code", "client_id", DemoTenant.WEB, "client_secret", DemoTenant.WEB_SECRET,
                "code", code, "redirect_uri", "http://localhost:8000/account/callback", "code_verifier", request.codeVerifier))
                .get("access_token").toString();
    }
}
