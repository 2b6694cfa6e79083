package dev.obo.web.home;

import java.time.Duration;
import java.time.Instant;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.web.WebSlice;
import dev.obo.web.security.EntraRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The home page signed out (what the app does, a way to sign in), and signed in while the API cannot be reached. */
@WebSlice
class HomeControllerTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ClientRegistrationRepository registrations;
    @Autowired
    private OAuth2AuthorizedClientRepository authorizedClients;

    @Test
    void homeWhenSignedOutThenWhatTheAppDoesAndASignInButton() throws Exception {
        MvcResult home = mvc.perform(get("/")).andReturn();

        Document page = Jsoup.parse(home.getResponse().getContentAsString());
        assertThat(home.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.select("h1").text()).contains("subscriptions");
        assertThat(page.select("#sign-in").attr("href")).isEqualTo("/account/login");
        assertThat(page.select("#sign-out")).isEmpty();
    }

    @Test
    void homeWhenApiUnreachableThenFriendlyPageWithTryAgainAndWhoIsSignedIn() throws Exception {
        MvcResult home = mvc.perform(get("/").with(oidcLogin().idToken(token -> token.claim("preferred_username", DemoTenant.BOB)))
                .with(tokensInTheSession())).andReturn();

        Document page = Jsoup.parse(home.getResponse().getContentAsString());
        assertThat(home.getResponse().getStatus()).isEqualTo(503);
        assertThat(page.select("h1").text()).isEqualTo("The API is not reachable");
        assertThat(page.select("#retry").attr("href")).isEqualTo("/");
        assertThat(page.select("header .who").text()).isEqualTo(DemoTenant.BOB);
    }

    // NOTE: oidcLogin() keeps its authorized client where only @RegisteredOAuth2AuthorizedClient finds it;
    // the app's manager reads the session, as after a real sign-in.
    private RequestPostProcessor tokensInTheSession() {
        return request -> {
            Instant now = Instant.now();
            OAuth2AuthorizedClient client = new OAuth2AuthorizedClient(registrations.findByRegistrationId(EntraRegistration.ID), "bob",
                    new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "T1", now, now.plus(Duration.ofHours(1))));
            authorizedClients.saveAuthorizedClient(client, null, request, new MockHttpServletResponse());
            return request;
        };
    }
}
