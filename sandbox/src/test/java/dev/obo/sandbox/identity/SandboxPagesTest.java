package dev.obo.sandbox.identity;

import org.junit.jupiter.api.Test;

import dev.obo.sandbox.AuthorizationRequest;
import dev.obo.sandbox.BrowserlessUser;
import dev.obo.sandbox.BrowserlessUser.Page;
import dev.obo.sandbox.SandboxTest;

import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.WEB;
import static dev.obo.sandbox.TestSeed.WEB_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's pages as a browser receives them: the session is tracked by its cookie alone,
 * never by an id in a URL.
 */
class SandboxPagesTest extends SandboxTest {

    @Test
    void loginPageWhenFirstOpenedThenFormActionsCarryNoSessionId() {
        Page login = new BrowserlessUser(base()).open(webRequest().uri());

        assertThat(login.title()).startsWith("Sign in");
        assertThat(login.document().select("form").eachAttr("action")).isNotEmpty()
                .allSatisfy(action -> assertThat(action).doesNotContainIgnoringCase(";SANDBOXSESSION=")
                        .doesNotContainIgnoringCase("jsessionid").doesNotContain(";"));
        assertThat(login.header("Set-Cookie")).startsWith("SANDBOXSESSION=");
    }

    private AuthorizationRequest webRequest() {
        return new AuthorizationRequest(authorizeEndpoint(), WEB, WEB_REDIRECT, "openid " + API_SCOPE);
    }
}
