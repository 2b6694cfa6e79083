package dev.obo.web.account;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.WebAttributes;
import org.springframework.test.web.servlet.MockMvc;

import dev.obo.web.WebSlice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The sign-in failure page: a disabled account (Entra's AADSTS50057, which the identity provider
 * sends back to the redirect URI as {@code access_denied}, or answers at the token endpoint as
 * {@code invalid_grant}) is said in plain words; any other failure keeps its code and description.
 */
@WebSlice
class AccountControllerTest {

    private static final String DISABLED = "AADSTS50057: The user account is disabled. The user object in Active Directory backing "
            + "this account has been disabled. An admin can re-enable this account through PowerShell Trace ID: 1";

    @Autowired
    private MockMvc mvc;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"access_denied", "invalid_grant"})
    void signInFailedWhenTheAccountIsDisabledThenSaysSoInPlainWordsAndThatAnAdministratorCanEnableIt(String error) throws Exception {
        Document page = signInFailed(error, DISABLED);

        assertThat(page.select("h1").text()).isEqualTo("Your account is disabled");
        assertThat(page.title()).startsWith("Your account is disabled");
        assertThat(page.select("main").text()).contains("An administrator", "enable it").doesNotContain("PowerShell", "Trace ID");
        assertThat(page.select(".problem")).as("not the raw description").isEmpty();
        assertThat(page.select("#retry-sign-in").attr("href")).isEqualTo("/account/login");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            access_denied | AADSTS65004: User declined to consent to access the app. | consent declined: as before
            access_denied | AADSTS500571: Another code that begins alike.             | a code that only begins as 50057's
            invalid_grant | The refresh failed: AADSTS50057 later in the text.       | the code not at the start
            """)
    void signInFailedWhenAnotherFailureThenItsCodeAndDescriptionAsBefore(String error, String description, String proves) throws Exception {
        Document page = signInFailed(error, description);

        assertThat(page.select("h1").text()).as(proves).isEqualTo("Sign-in did not complete");
        assertThat(page.select(".problem").text()).as(proves).isEqualTo(error + ": " + description);
    }

    @Test
    void signInFailedWhenNoFailureInTheSessionThenTheGeneralPage() throws Exception {
        Document page = Jsoup.parse(mvc.perform(get("/account/signin-failed")).andReturn().getResponse().getContentAsString());

        assertThat(page.select("h1").text()).isEqualTo("Sign-in did not complete");
        assertThat(page.select(".problem").text()).isEqualTo("The sign-in did not complete.");
    }

    private Document signInFailed(String error, String description) throws Exception {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, new OAuth2AuthenticationException(new OAuth2Error(error, description, null)));
        var response = mvc.perform(get("/account/signin-failed").session(session)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return Jsoup.parse(response.getContentAsString());
    }
}
