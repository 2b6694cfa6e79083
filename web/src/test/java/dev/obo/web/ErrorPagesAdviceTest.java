package dev.obo.web;

import org.jsoup.Jsoup;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.web.apiclient.ApiFailureException;
import dev.obo.web.security.EntraRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The friendly pages for a failed call to the API: a refusal (4xx) is a 502 with what the API
 * said and no "try again", since the same call gets the same answer; a failure (5xx) offers one;
 * tokens that can no longer be refreshed send the user to sign in. The failures are thrown by a
 * controller of this test's own, as {@code ApiClient} and Spring Security throw them.
 */
@WebSlice
@TestPropertySource(properties = "INSTANCE_NAME=web-slice")
@Import(ErrorPagesAdviceTest.FailingCalls.class)
class ErrorPagesAdviceTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void apiFailureWhenTheApiRefusedThen502WhatItSaidAndNoTryAgain() throws Exception {
        Document page = page(mvc.perform(get("/failing/404").with(bob())).andReturn(), 502);

        assertThat(page.select(".problem").text()).isEqualTo("Unable to find appropriate key.");
        assertThat(page.select("#refused").text()).contains("HTTP 404");
        assertThat(page.select("#retry")).isEmpty();
        assertThat(page.select("header .who").text()).isEqualTo(DemoTenant.BOB);
    }

    @Test
    void apiFailureWhenShownThenItsFooterNamesTheInstanceThatServedIt() throws Exception {
        Document page = page(mvc.perform(get("/failing/500").with(bob())).andReturn(), 502);

        assertThat(page.select("footer #instance").text()).isEqualTo("web-slice");
    }

    @Test
    void apiFailureWhenTheApiFailedThen502AndTryAgain() throws Exception {
        Document page = page(mvc.perform(get("/failing/500").with(bob())).andReturn(), 502);

        assertThat(page.select("#retry").attr("href")).isEqualTo("/");
        assertThat(page.select("#refused")).isEmpty();
    }

    @Test
    void signInAgainWhenNoTokensInTheSessionThenSentToSignIn() throws Exception {
        MvcResult result = mvc.perform(get("/failing/no-tokens").with(bob())).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo(EntraRegistration.SIGN_IN_PATH);
    }

    private static Document page(MvcResult result, int status) throws Exception {
        assertThat(result.getResponse().getStatus()).isEqualTo(status);
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    private static RequestPostProcessor bob() {
        return oidcLogin().idToken(token -> token.claim("preferred_username", DemoTenant.BOB));
    }

    /** Throws what a call to the API can end in. */
    @Controller
    static class FailingCalls {

        @GetMapping("/failing/{status}")
        String apiFailure(@PathVariable int status) {
            throw new ApiFailureException(status, "The API answered " + status, "Unable to find appropriate key.");
        }

        @GetMapping("/failing/no-tokens")
        String noTokens() {
            throw new ClientAuthorizationRequiredException(EntraRegistration.ID);
        }
    }
}
