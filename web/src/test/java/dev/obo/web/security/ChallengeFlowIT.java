package dev.obo.web.security;

import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.obo.sandbox.junit.BrowserlessUser;
import dev.obo.sandbox.junit.BrowserlessUser.Page;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.web.WebIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's challenges, acted on end to end: carol is sent to the consent page and comes
 * back to her list; dave is sent to sign in with the claims, enters the sandbox's one-time
 * code and comes back to his list.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChallengeFlowIT extends WebIT {

    @Test
    @Order(2)
    void homeWhenUserHasNotConsentedThenConsentPageThenHerSubscriptions() {
        BrowserlessUser carol = visitor();

        Page consent = carol.signIn(carol.open(web("/account/login")), DemoTenant.CAROL);

        assertThat(consent.title()).startsWith("Permissions requested");
        assertThat(consent.uri().getQuery()).contains("prompt=consent", "/.default");
        assertThat(consent.document().select(".permissions li").eachText())
                .anySatisfy(line -> assertThat(line).contains("Windows Azure Service Management API", "user_impersonation"));
        Page home = carol.submit(consent, "form", Map.of("decision", "accept"));
        assertThat(home.uri().toString()).isEqualTo(web("/"));
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(1);
        assertThat(home.text("#subscriptions td.name")).isEqualTo("Carol – Research");
    }

    @Test
    void homeWhenMfaRequiredThenOneTimeCodeThenHisSubscriptions() {
        BrowserlessUser dave = visitor();

        Page mfa = dave.signIn(dave.open(web("/account/login")), DemoTenant.DAVE);

        assertThat(mfa.title()).startsWith("Verify your identity");
        assertThat(mfa.uri().getQuery()).as("signed in again with the API's claims").contains("claims=", "mfa");
        Page home = dave.submit(mfa, "form", Map.of("code", mfa.text("#one-time-code")));
        assertThat(home.uri().toString()).isEqualTo(web("/"));
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(1);
        assertThat(home.document().select("#how-this-worked dd").eachText()).anySatisfy(v -> assertThat(v).contains("mfa"));
    }

    // Before carol consents (order 2): consent, once given, stays in the sandbox's directory.
    @Test
    @Order(1)
    void homeWhenUserDeclinesConsentThenTheSignInFailurePageNotALoop() {
        BrowserlessUser carol = visitor();
        Page consent = carol.signIn(carol.open(web("/account/login")), DemoTenant.CAROL);
        assertThat(consent.title()).startsWith("Permissions requested");

        Page declined = carol.submit(consent, "form", Map.of("decision", "cancel"));

        assertThat(declined.uri().getPath()).isEqualTo("/account/signin-failed");
        assertThat(declined.text(".problem")).contains("access_denied");
    }
}
