package dev.obo.sandbox.identity.authorize;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import org.junit.jupiter.api.Test;

import dev.obo.sandbox.AuthorizationRequest;
import dev.obo.sandbox.BrowserlessUser;
import dev.obo.sandbox.BrowserlessUser.Page;
import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.TestSeed;

import static dev.obo.sandbox.TestSeed.API;
import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.WEB;
import static dev.obo.sandbox.TestSeed.WEB_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization code flow as a person goes through it (sign-in page, PKCE, the code
 * redeemed by the web app), refresh tokens, RP-initiated logout, and the RFC 9700
 * protections: exact redirect URIs, PKCE downgrade, code reuse, client-bound refresh tokens.
 */
class AuthorizationCodeFlowTest extends SandboxTest {

    static final String WEB_SCOPES = "openid profile offline_access " + API_SCOPE;

    @Test
    void codeFlowWhenAliceSignsInThenIdTokenAccessTokenAndRefreshToken() throws Exception {
        AuthorizationRequest request = webRequest();
        Map<String, String> answer = signIn(new BrowserlessUser(base()), request, "alice@onbehalf.test").answer();
        assertThat(answer).containsEntry("state", request.state).containsKey("code");

        Result tokens = redeem(answer.get("code"), request.codeVerifier);

        assertThat(tokens.status()).as("%s", tokens.body()).isEqualTo(200);
        JWTClaimsSet id = claims((String) tokens.body().get("id_token"));
        assertThat(id.getIssuer()).isEqualTo(issuer());
        assertThat(id.getAudience()).containsExactly(WEB);
        assertThat(id.getStringClaim("nonce")).isEqualTo(request.nonce);
        assertThat(id.getStringClaim("preferred_username")).isEqualTo("alice@onbehalf.test");
        JWTClaimsSet access = tokens.accessTokenClaims();
        assertThat(access.getAudience()).containsExactly(API);
        assertThat(access.getStringClaim("scp")).isEqualTo("access_as_user");
        assertThat(access.getStringClaim("azp")).isEqualTo(WEB);
        assertThat(access.getStringClaim("ver")).isEqualTo("2.0");
        assertThat(tokens.body()).containsKey("refresh_token");
    }

    @Test
    void signInWhenPasswordWrongThenPageSaysAadsts50126AndNoCode() {
        BrowserlessUser user = new BrowserlessUser(base());
        Page login = user.open(webRequest().uri());

        Page again = user.submit(login, "form", Map.of("username", "alice@onbehalf.test", "password", "nope"));

        assertThat(again.redirect()).isNull();
        assertThat(again.text(".error")).startsWith("AADSTS50126");
    }

    @Test
    void authorizeWhenRedirectUriNotRegisteredThenErrorPageAadsts50011AndNoRedirect() {
        Page page = new BrowserlessUser(base()).open(webRequest().with("redirect_uri", "https://evil.example/callback").uri());

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.redirect()).isNull();
        assertThat(page.text(".error")).startsWith("AADSTS50011");
    }

    @Test
    void authorizeWhenRedirectUriDiffersByATrailingSlashThenAadsts50011() {
        Page page = new BrowserlessUser(base()).open(webRequest().with("redirect_uri", WEB_REDIRECT + "/").uri());

        assertThat(page.text(".error")).startsWith("AADSTS50011");
    }

    @Test
    void authorizeWhenClientUnknownThenErrorPageAadsts700016() {
        Page page = new BrowserlessUser(base()).open(webRequest().with("client_id", "00000000-0000-0000-0000-00000000dead").uri());

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text(".error")).startsWith("AADSTS700016");
    }

    @Test
    void authorizeWhenPublicClientSendsNoCodeChallengeThenRedirectedWithAadsts9002325() {
        AuthorizationRequest request = new AuthorizationRequest(authorizeEndpoint(), TestSeed.CLI, TestSeed.CLI_REDIRECT, API_SCOPE)
                .with("code_challenge", null).with("code_challenge_method", null);

        Map<String, String> answer = new BrowserlessUser(base()).open(request.uri()).answer();

        assertThat(answer).containsEntry("error", "invalid_request").containsEntry("state", request.state);
        assertThat(answer.get("error_description")).startsWith("AADSTS9002325");
    }

    @Test
    void authorizeWhenPromptNoneAndNobodySignedInThenLoginRequired() {
        Map<String, String> answer = new BrowserlessUser(base()).open(webRequest().with("prompt", "none").uri()).answer();

        assertThat(answer).containsEntry("error", "login_required");
        assertThat(answer.get("error_description")).startsWith("AADSTS50058");
    }

    @Test
    void authorizeWhenAlreadySignedInThenNoSecondSignInPage() {
        BrowserlessUser user = new BrowserlessUser(base());
        signIn(user, webRequest(), "alice@onbehalf.test").answer();

        Map<String, String> second = user.open(webRequest().with("prompt", "none").uri()).answer();

        assertThat(second).containsKey("code");
    }

    @Test
    void authorizeWhenScopeUnknownThenRedirectedWithInvalidScope() {
        Map<String, String> answer = new BrowserlessUser(base())
                .open(webRequest().with("scope", "openid api://nobody/read").uri()).answer();

        assertThat(answer).containsEntry("error", "invalid_resource");
        assertThat(answer.get("error_description")).startsWith("AADSTS500011");
    }

    @Test
    void authorizeWhenFormPostThenPageWithAutoSubmittedForm() {
        BrowserlessUser user = new BrowserlessUser(base());
        Page login = user.open(webRequest().with("response_mode", "form_post").uri());

        Page post = user.submit(login, "form", Map.of("username", "bob@onbehalf.test", "password", "sandbox"));

        assertThat(post.document().selectFirst("form#response").attr("action")).isEqualTo(WEB_REDIRECT);
        assertThat(post.document().select("input[name=code]").attr("value")).isNotBlank();
    }

    @Test
    void tokenWhenCodeVerifierDoesNotMatchThenAadsts501481() {
        AuthorizationRequest request = webRequest();
        String code = signIn(new BrowserlessUser(base()), request, "alice@onbehalf.test").answer().get("code");

        Result result = redeem(code, "a-different-verifier-that-is-long-enough-to-be-valid-0123456789");

        assertThat(result.errorCode()).isEqualTo(501481);
        assertThat(result.error()).isEqualTo("invalid_grant");
    }

    @Test
    void tokenWhenVerifierSentButNoChallengeWasThenRefusedAsPkceDowngrade() {
        AuthorizationRequest request = webRequest().with("code_challenge", null).with("code_challenge_method", null);
        String code = signIn(new BrowserlessUser(base()), request, "alice@onbehalf.test").answer().get("code");

        Result result = redeem(code, request.codeVerifier);

        assertThat(result.errorCode()).isEqualTo(501481);
        assertThat(result.description()).contains("no code_challenge");
    }

    @Test
    void tokenWhenCodeUsedTwiceThenAadsts54005AndTheFirstRefreshTokenIsRevoked() {
        AuthorizationRequest request = webRequest();
        String code = signIn(new BrowserlessUser(base()), request, "alice@onbehalf.test").answer().get("code");
        Result first = redeem(code, request.codeVerifier);

        Result second = redeem(code, request.codeVerifier);

        assertThat(second.errorCode()).isEqualTo(54005);
        Result refresh = refresh(web(), (String) first.body().get("refresh_token"));
        assertThat(refresh.errorCode()).isEqualTo(70000);
    }

    @Test
    void tokenWhenCodeExpiredThenAadsts70008() {
        AuthorizationRequest request = webRequest();
        String code = signIn(new BrowserlessUser(base()), request, "alice@onbehalf.test").answer().get("code");
        clock.advance(Duration.ofMinutes(11));

        assertThat(redeem(code, request.codeVerifier).errorCode()).isEqualTo(70008);
    }

    @Test
    void tokenWhenRedirectUriDiffersFromTheAuthorizationRequestThenAadsts70000() {
        AuthorizationRequest request = webRequest();
        String code = signIn(new BrowserlessUser(base()), request, "alice@onbehalf.test").answer().get("code");

        Result result = token(web(), new AuthorizationCodeGrant(new AuthorizationCode(code),
                URI.create("http://localhost:8000/elsewhere"), new CodeVerifier(request.codeVerifier)), null, Map.of());

        assertThat(result.errorCode()).isEqualTo(70000);
        assertThat(result.description()).contains("redirect_uri");
    }

    @Test
    void tokenWhenCodeIsGarbageThenAadsts70000() {
        assertThat(redeem("not-a-code", "x".repeat(43)).errorCode()).isEqualTo(70000);
    }

    @Test
    void refreshWhenUsedThenRotatedAndTheOldOneRevokesTheFamily() {
        AuthorizationRequest request = webRequest();
        String code = signIn(new BrowserlessUser(base()), request, "bob@onbehalf.test").answer().get("code");
        String first = (String) redeem(code, request.codeVerifier).body().get("refresh_token");

        Result rotated = refresh(web(), first);
        assertThat(rotated.status()).isEqualTo(200);
        String second = (String) rotated.body().get("refresh_token");
        assertThat(second).isNotEqualTo(first);

        assertThat(refresh(web(), first).errorCode()).isEqualTo(70000);
        assertThat(refresh(web(), second).errorCode()).as("the family is revoked").isEqualTo(70000);
    }

    @Test
    void refreshWhenOneTokenIsPresentedManyTimesAtOnceThenOneSuccessEveryOtherAlreadyUsedAndTheFamilyRevoked() throws Exception {
        Result signIn = token(web(), new ResourceOwnerPasswordCredentialsGrant("bob@onbehalf.test", new Secret("sandbox")),
                "offline_access " + API_SCOPE, Map.of());
        String first = (String) signIn.body().get("refresh_token");
        int clients = 8;
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<Result> answers = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Result>> pending = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                pending.add(threads.submit(() -> {
                    go.await();
                    return refresh(web(), first);
                }));
            }
            go.countDown();
            for (Future<Result> answer : pending) {
                answers.add(answer.get());
            }
        } finally {
            threads.shutdownNow();
        }

        List<Result> successes = answers.stream().filter(r -> r.status() == 200).toList();
        assertThat(successes).as("%s", answers).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() != 200).hasSize(clients - 1)
                .allSatisfy(r -> assertThat(r.description()).startsWith("AADSTS70000").contains("already used"));
        assertThat(refresh(web(), (String) successes.get(0).body().get("refresh_token")).errorCode())
                .as("the family is revoked").isEqualTo(70000);
    }

    @Test
    void refreshWhenScopeLeavesOutOfflineAccessThenASuccessorRefreshTokenAllTheSame() {
        AuthorizationRequest request = webRequest();
        String code = signIn(new BrowserlessUser(base()), request, "bob@onbehalf.test").answer().get("code");
        String first = (String) redeem(code, request.codeVerifier).body().get("refresh_token");

        Result refreshed = token(web(), new RefreshTokenGrant(new RefreshToken(first)), API_SCOPE, Map.of());

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refresh(web(), (String) refreshed.body().get("refresh_token")).status()).isEqualTo(200);
    }

    @Test
    void refreshWhenPresentedByAnotherClientThenRefusedAndStillUsableByItsOwn() {
        AuthorizationRequest request = webRequest();
        String code = signIn(new BrowserlessUser(base()), request, "bob@onbehalf.test").answer().get("code");
        String refreshToken = (String) redeem(code, request.codeVerifier).body().get("refresh_token");

        Result stolen = refresh(api(), refreshToken);

        assertThat(stolen.errorCode()).isEqualTo(70000);
        assertThat(stolen.description()).contains("another client");
        assertThat(refresh(web(), refreshToken).status()).isEqualTo(200);
    }

    @Test
    void refreshWhenAccessTokenExpiredThenANewOneWithoutSigningInAgain() {
        AuthorizationRequest request = webRequest();
        String code = signIn(new BrowserlessUser(base()), request, "alice@onbehalf.test").answer().get("code");
        String refreshToken = (String) redeem(code, request.codeVerifier).body().get("refresh_token");
        clock.advance(Duration.ofHours(2));

        Result refreshed = refresh(web(), refreshToken);

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.accessTokenClaims().getExpirationTime().toInstant()).isAfter(clock.instant());
    }

    @Test
    void logoutWhenPostLogoutRedirectRegisteredThenBackToTheAppAndSignedOut() {
        BrowserlessUser user = new BrowserlessUser(base());
        signIn(user, webRequest(), "alice@onbehalf.test").answer();

        Page out = user.open(URI.create(base() + "/" + TestSeed.TENANT + "/oauth2/v2.0/logout?client_id=" + WEB
                + "&post_logout_redirect_uri=http://localhost:8000/&state=bye"));

        assertThat(out.redirect()).hasToString("http://localhost:8000/?state=bye");
        assertThat(user.open(webRequest().with("prompt", "none").uri()).answer()).containsEntry("error", "login_required");
    }

    @Test
    void logoutWhenPostLogoutRedirectNotRegisteredThenSignedOutPageAndNoRedirect() {
        Page out = new BrowserlessUser(base()).open(URI.create(base() + "/" + TestSeed.TENANT
                + "/oauth2/v2.0/logout?client_id=" + WEB + "&post_logout_redirect_uri=https://evil.example/"));

        assertThat(out.redirect()).isNull();
        assertThat(out.title()).startsWith("Signed out");
    }

    AuthorizationRequest webRequest() {
        return new AuthorizationRequest(authorizeEndpoint(), WEB, WEB_REDIRECT, WEB_SCOPES);
    }

    static Page signIn(BrowserlessUser user, AuthorizationRequest request, String username) {
        Page login = user.open(request.uri());
        assertThat(login.title()).startsWith("Sign in");
        return user.submit(login, "form", Map.of("username", username, "password", "sandbox"));
    }

    Result redeem(String code, String verifier) {
        return token(web(), new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(WEB_REDIRECT),
                new CodeVerifier(verifier)), null, Map.of());
    }

    Result refresh(com.nimbusds.oauth2.sdk.auth.ClientAuthentication client, String refreshToken) {
        return token(client, new RefreshTokenGrant(new RefreshToken(refreshToken)), null, Map.of());
    }
}
