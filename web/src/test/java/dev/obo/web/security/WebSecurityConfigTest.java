package dev.obo.web.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.web.WebSlice;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The web app's policy, as {@link WebSecurityConfig} states it: the security headers on every
 * page, a sign-in for anything but the open pages, and logout only as a POST with the CSRF
 * token, which ends the session at the identity provider too (RP-initiated logout); a POST
 * into the challenge flow (its sign-in, the home page) without the CSRF token is refused too.
 */
@WebSlice
class WebSecurityConfigTest {

    private static final String AUTHORITY = "http://localhost:9000/" + DemoTenant.TENANT;

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ClientRegistrationRepository registrations;

    @Test
    void pagesWhenServedThenSecurityHeaders() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", allOf(containsString("default-src 'self'"),
                        containsString("form-action 'self' http://localhost:9000"), not(containsString("unsafe-inline")))))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"));
    }

    @Test
    void pageWhenSignedOutThenSentToSignIn() throws Exception {
        mvc.perform(get("/anything-else"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/account/login"));
    }

    @Test
    void logoutWhenPostedWithoutCsrfTokenThenForbidden() throws Exception {
        mvc.perform(post("/account/logout").with(bob()))
                .andExpect(status().isForbidden());
    }

    @Test
    void logoutWhenGetThenOnlyAConfirmationPage() throws Exception {
        mvc.perform(get("/account/logout").with(bob()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Sign out?"), containsString("name=\"_csrf\""))));
    }

    @Test
    void logoutWhenPostedWithCsrfTokenThenSignedOutAtTheIdentityProviderToo() throws Exception {
        mvc.perform(post("/account/logout").with(bob()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", allOf(startsWith(AUTHORITY + "/oauth2/v2.0/logout?"),
                        containsString("id_token_hint=bobs-id-token"), containsString("post_logout_redirect_uri=http://localhost/"))));
    }

    @Test
    void signInForAChallengeWhenPostedWithoutCsrfTokenThenForbiddenAndNotSentToTheIdentityProvider() throws Exception {
        mvc.perform(post(EntraRegistration.SIGN_IN_PATH).with(bob()).session(claimsChallengePending()))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist("Location"));
    }

    @Test
    void signInForAChallengeWhenPostedWithCsrfTokenThenSentToSignInWithTheClaims() throws Exception {
        mvc.perform(post(EntraRegistration.SIGN_IN_PATH).with(bob()).with(csrf()).session(claimsChallengePending()))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", allOf(startsWith(AUTHORITY + "/oauth2/v2.0/authorize?"), containsString("claims="))));
    }

    @Test
    void homeWhenPostedWithoutCsrfTokenThenForbidden() throws Exception {
        mvc.perform(post("/").with(bob()).session(claimsChallengePending()))
                .andExpect(status().isForbidden());
    }

    private static MockHttpSession claimsChallengePending() {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(PendingChallenge.SESSION_ATTRIBUTE, new PendingChallenge(PendingChallenge.Kind.CLAIMS,
                "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}}}", "/"));
        return session;
    }

    private OidcLoginRequestPostProcessor bob() {
        return oidcLogin().clientRegistration(registrations.findByRegistrationId(EntraRegistration.ID))
                .idToken(token -> token.tokenValue("bobs-id-token").claim("preferred_username", DemoTenant.BOB));
    }
}
