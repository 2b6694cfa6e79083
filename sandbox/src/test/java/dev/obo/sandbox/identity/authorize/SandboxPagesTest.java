package dev.obo.sandbox.identity.authorize;

import java.net.URI;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.obo.sandbox.AuthorizationRequest;
import dev.obo.sandbox.BrowserlessUser;
import dev.obo.sandbox.BrowserlessUser.Page;
import dev.obo.sandbox.SandboxTest;

import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.TENANT;
import static dev.obo.sandbox.TestSeed.WEB;
import static dev.obo.sandbox.TestSeed.WEB_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's pages as a browser receives them: none can be framed (the web app's
 * protection: {@code X-Frame-Options: DENY} and CSP {@code frame-ancestors 'none'}), they run
 * only their own scripts, and their forms post to the sandbox or to the flow's redirect URI
 * alone. The session is tracked by its cookie alone, never by an id in a URL.
 */
class SandboxPagesTest extends SandboxTest {

    private static final String WEB_ORIGIN = "http://localhost:8000";
    private static final String MFA_CLAIMS = "{\"access_token\":{\"amr\":{\"essential\":true,\"values\":[\"mfa\"]}}}";

    static Stream<Arguments> pages() {
        return Stream.of(
                page("Sign in", true, (test, user) -> user.open(test.webRequest().uri())),
                page("Verify your identity", true, (test, user) -> test.signIn(user, test.webRequest().with("claims", MFA_CLAIMS))),
                page("Permissions requested", true, (test, user) -> test.signIn(user, test.webRequest().with("prompt", "consent"))),
                page("Working...", true, (test, user) -> test.signIn(user, test.webRequest().with("response_mode", "form_post"))),
                page("Sign-in error", false, (test, user) -> user.open(test.webRequest().with("redirect_uri", "https://evil.example/cb").uri())),
                page("Signed out", false, (test, user) -> user.open(URI.create(test.base() + "/" + TENANT + "/oauth2/v2.0/logout"))));
    }

    private static Arguments page(String title, boolean postsToTheClient, BiFunction<SandboxPagesTest, BrowserlessUser, Page> open) {
        return Arguments.of(title, postsToTheClient, open);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void pageWhenServedThenCannotBeFramedRunsOnlyItsOwnScriptsAndPostsOnlyToTheSandboxOrTheClient(
            String title, boolean postsToTheClient, BiFunction<SandboxPagesTest, BrowserlessUser, Page> open) {
        Page page = open.apply(this, new BrowserlessUser(base()));

        assertThat(page.title()).startsWith(title);
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("frame-ancestors 'none'", "script-src 'self'", "default-src 'none'", "base-uri 'none'");
        assertThat(csp).contains(postsToTheClient ? "form-action 'self' " + WEB_ORIGIN + ";" : "form-action 'self';");
    }

    @Test
    void loginPageWhenFirstOpenedThenFormActionsCarryNoSessionId() {
        Page login = new BrowserlessUser(base()).open(webRequest().uri());

        assertThat(login.title()).startsWith("Sign in");
        assertThat(login.document().select("form").eachAttr("action")).isNotEmpty()
                .allSatisfy(action -> assertThat(action).doesNotContainIgnoringCase(";SANDBOXSESSION=")
                        .doesNotContainIgnoringCase("jsessionid").doesNotContain(";"));
        assertThat(login.header("Set-Cookie")).startsWith("SANDBOXSESSION=");
    }

    private Page signIn(BrowserlessUser user, AuthorizationRequest request) {
        return user.submit(user.open(request.uri()), "form", Map.of("username", "alice@onbehalf.test", "password", "sandbox"));
    }

    private AuthorizationRequest webRequest() {
        return new AuthorizationRequest(authorizeEndpoint(), WEB, WEB_REDIRECT, "openid " + API_SCOPE);
    }
}
