package dev.obo.sandbox.identity.authorize;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.Test;

import dev.obo.sandbox.RunningSandbox;
import dev.obo.sandbox.junit.AuthorizationRequest;
import dev.obo.sandbox.junit.BrowserlessUser;
import dev.obo.sandbox.junit.BrowserlessUser.Page;

import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.WEB;
import static dev.obo.sandbox.TestSeed.WEB_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorize endpoint after a critical event: the sandbox's sign-in session from before the
 * user's tokens-valid-from, or from before the nbf a CAE claims challenge asks for, signs no one in
 * silently; a disabled account is sent back to the client with {@code access_denied} (AADSTS50057).
 * Each test has a user of its own (test seed).
 */
class RevokedSessionIT extends RunningSandbox {

    @Test
    void authorizeWhenSessionsRevokedThenTheSessionNoLongerSignsInSilentlyButASignInAgainDoes() {
        String user = "yuri@onbehalf.test";
        BrowserlessUser browser = BrowserlessUser.within(base());
        browser.signIn(browser.open(request().uri()), user).answer();
        assertThat(browser.open(request().uri()).answer()).as("single sign-on").containsKey("code");
        clock.advance(Duration.ofSeconds(1));

        revokeSessions(user);

        assertThat(browser.open(request().with("prompt", "none").uri()).answer()).containsEntry("error", "login_required");
        AuthorizationRequest request = request();
        Page login = browser.open(request.uri());
        assertThat(login.title()).startsWith("Sign in");
        Map<String, String> answer = browser.signIn(login, user).answer();
        assertThat(answer).containsEntry("state", request.state);
        assertThat(redeem(answer.get("code"), request).status()).isEqualTo(200);
        assertThat(browser.open(request().uri()).answer()).as("the new session signs in silently").containsKey("code");
    }

    @Test
    void authorizeWhenClaimsAskForASignInAfterTheSessionsThenTheSignInPageOnlyThen() {
        String user = "zoe@onbehalf.test";
        BrowserlessUser browser = BrowserlessUser.within(base());
        // Read before the sign-in, which is in this second or a later one.
        long signedIn = clock.instant().getEpochSecond();
        browser.signIn(browser.open(request().uri()), user).answer();
        clock.advance(Duration.ofSeconds(5));
        String later = nbf(clock.instant().getEpochSecond());

        assertThat(browser.open(request().with("claims", nbf(signedIn)).uri()).answer()).as("nbf at the sign-in").containsKey("code");
        assertThat(browser.open(request().with("claims", later).with("prompt", "none").uri()).answer())
                .containsEntry("error", "login_required");
        Page login = browser.open(request().with("claims", later).uri());
        assertThat(login.title()).startsWith("Sign in");
        assertThat(browser.signIn(login, user).answer()).containsKey("code");
        assertThat(browser.open(request().with("claims", later).uri()).answer()).as("the new session is late enough").containsKey("code");
    }

    @Test
    void signInWhenAccountDisabledThenAccessDeniedAadsts50057AtTheRedirectUriAndAWrongPasswordTheUsualPage() {
        String user = "abby@onbehalf.test";
        userAdmin(user, "disable");
        BrowserlessUser browser = BrowserlessUser.within(base());
        AuthorizationRequest request = request();
        Page login = browser.open(request.uri());

        Page wrong = browser.submit(login, "form", Map.of("username", user, "password", "not-the-password"));
        assertThat(wrong.text(".error")).startsWith("AADSTS50126");
        Map<String, String> answer = browser.signIn(wrong, user).answer();

        assertThat(answer).containsEntry("error", "access_denied").containsEntry("state", request.state).doesNotContainKey("code");
        assertThat(answer.get("error_description")).startsWith("AADSTS50057: The user account is disabled. The user object in Active "
                + "Directory backing this account has been disabled. An admin can re-enable this account through PowerShell");
        userAdmin(user, "enable");
        assertThat(browser.signIn(browser.open(request().uri()), user).answer()).as("enabled again").containsKey("code");
    }

    @Test
    void authorizeWhenTheSessionsUserIsDisabledThenAccessDeniedNotACode() {
        String user = "ben@onbehalf.test";
        BrowserlessUser browser = BrowserlessUser.within(base());
        browser.signIn(browser.open(request().uri()), user).answer();
        // The disable's tokens-valid-from before this session, so that the session would still sign in.
        clock.advance(Duration.ofSeconds(-2));

        userAdmin(user, "disable");

        AuthorizationRequest request = request();
        Map<String, String> answer = browser.open(request.uri()).answer();
        assertThat(answer).containsEntry("error", "access_denied").containsEntry("state", request.state);
        assertThat(answer.get("error_description")).startsWith("AADSTS50057: ");
    }

    @Test
    void authorizeWhenTheSessionsUserIsDisabledAfterItThenAccessDeniedAtOnceNotTheSignInPage() {
        String user = "bea@onbehalf.test";
        BrowserlessUser browser = BrowserlessUser.within(base());
        browser.signIn(browser.open(request().uri()), user).answer();
        clock.advance(Duration.ofSeconds(2));

        userAdmin(user, "disable");

        AuthorizationRequest request = request();
        Map<String, String> answer = browser.open(request.uri()).answer();
        assertThat(answer).containsEntry("error", "access_denied").containsEntry("state", request.state);
        assertThat(answer.get("error_description")).startsWith("AADSTS50057: ");
        Page another = browser.open(request().with("login_hint", "alice@onbehalf.test").uri());
        assertThat(another.title()).as("another account asked for: the sign-in page").startsWith("Sign in");
    }

    private AuthorizationRequest request() {
        return new AuthorizationRequest(authorizeEndpoint(), WEB, WEB_REDIRECT, "openid " + API_SCOPE);
    }

    private static String nbf(long epochSecond) {
        return "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"" + epochSecond + "\"},\"xms_cc\":{\"values\":[\"cp1\"]}}}";
    }

    private Result redeem(String code, AuthorizationRequest request) {
        return token(web(), new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(WEB_REDIRECT),
                new CodeVerifier(request.codeVerifier)), null, Map.of());
    }
}
