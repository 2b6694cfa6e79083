package dev.obo.web.security;

import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.obo.web.WebTest;
import dev.obo.web.WebUser;
import dev.obo.web.WebUser.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's challenges, acted on end to end: carol is sent to the consent page and comes
 * back to her list; dave is sent to sign in with the claims, enters the sandbox's one-time
 * code and comes back to his list.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChallengeFlowTest extends WebTest {

    @Test
    @Order(2)
    void homeWhenUserHasNotConsentedThenConsentPageThenHerSubscriptions() {
        WebUser carol = user();

        Page consent = carol.signIn(carol.open("/account/login"), "carol@onbehalf.test");

        assertThat(consent.title()).startsWith("Permissions requested");
        assertThat(consent.uri().getQuery()).contains("prompt=consent", "/.default");
        assertThat(consent.document().select(".permissions li").eachText())
                .anySatisfy(line -> assertThat(line).contains("Windows Azure Service Management API", "user_impersonation"));
        Page home = carol.submit(consent, "form", Map.of("decision", "accept"));
        assertThat(home.uri().toString()).isEqualTo(system().webBase() + "/");
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(1);
        assertThat(home.text("#subscriptions td.name")).isEqualTo("Carol – Research");
    }

    @Test
    void homeWhenMfaRequiredThenOneTimeCodeThenHisSubscriptions() {
        WebUser dave = user();

        Page mfa = dave.signIn(dave.open("/account/login"), "dave@onbehalf.test");

        assertThat(mfa.title()).startsWith("Verify your identity");
        assertThat(mfa.uri().getQuery()).as("signed in again with the API's claims").contains("claims=", "mfa");
        Page home = dave.submit(mfa, "form", Map.of("code", mfa.text("#one-time-code")));
        assertThat(home.uri().toString()).isEqualTo(system().webBase() + "/");
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(1);
        assertThat(home.document().select("#how-this-worked dd").eachText()).anySatisfy(v -> assertThat(v).contains("mfa"));
    }

    // Before carol consents (order 2): consent, once given, stays in the sandbox's directory.
    @Test
    @Order(1)
    void homeWhenUserDeclinesConsentThenTheSignInFailurePageNotALoop() {
        WebUser carol = user();
        Page consent = carol.signIn(carol.open("/account/login"), "carol@onbehalf.test");
        assertThat(consent.title()).startsWith("Permissions requested");

        Page declined = carol.submit(consent, "form", Map.of("decision", "cancel"));

        assertThat(declined.uri().getPath()).isEqualTo("/account/signin-failed");
        assertThat(declined.text(".problem")).contains("access_denied");
    }
}
