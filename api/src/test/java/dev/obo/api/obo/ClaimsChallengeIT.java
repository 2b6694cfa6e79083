package dev.obo.api.obo;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.Sandbox;
import dev.obo.sandbox.AuthorizationRequest;
import dev.obo.sandbox.BrowserlessUser;
import dev.obo.sandbox.BrowserlessUser.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dave's conditional access end to end: the API answers 401 {@code insufficient_claims}
 * with the claims; signing in again at the sandbox with them (password, then the one-time
 * code) gives a token with {@code amr=mfa}, with which the API answers 200.
 */
class ClaimsChallengeIT extends RunningApi {

    private static final Pattern CLAIMS = Pattern.compile("claims=\"([^\"]+)\"");

    @Test
    void getSubscriptionsWhenMfaRequiredThen401ClaimsChallengeThen200WithAnMfaToken() {
        HttpResponse<String> challenged = get("/subscriptions", sandbox().userToken("dave@onbehalf.test"));
        assertThat(challenged.statusCode()).isEqualTo(401);
        assertThat(json(challenged)).containsEntry("type", "urn:onbehalf:problem:claims-challenge");
        String header = challenged.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(header).contains("error=\"insufficient_claims\"");
        Matcher claims = CLAIMS.matcher(header);
        assertThat(claims.find()).isTrue();
        String claimsJson = new String(Base64.getDecoder().decode(claims.group(1)), StandardCharsets.UTF_8);
        assertThat(claimsJson).contains("mfa");

        String mfaToken = signInAgainWith(claimsJson);

        HttpResponse<String> response = get("/subscriptions", mfaToken);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(value(response)).hasSize(1);
    }

    private static String signInAgainWith(String claimsJson) {
        Sandbox sandbox = sandbox();
        BrowserlessUser dave = new BrowserlessUser(sandbox.base());
        AuthorizationRequest request = new AuthorizationRequest(URI.create(sandbox.authority() + "/oauth2/v2.0/authorize"),
                DemoTenant.WEB, "http://localhost:8000/account/callback", "openid " + DemoTenant.API_SCOPE)
                .with("claims", claimsJson);
        Page login = dave.open(request.uri());
        Page mfa = dave.submit(login, "form", Map.of("username", "dave@onbehalf.test", "password", "sandbox"));
        String code = dave.submit(mfa, "form", Map.of("code", mfa.text("#one-time-code"))).answer().get("code");
        return sandbox.token(Map.of("grant_type", "authorization_code", "client_id", DemoTenant.WEB, "client_secret", "web-secret",
                "code", code, "redirect_uri", "http://localhost:8000/account/callback", "code_verifier", request.codeVerifier))
                .get("access_token").toString();
    }
}
