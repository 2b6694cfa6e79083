package dev.obo.web.home;


import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import dev.obo.web.WebSystem;
import dev.obo.web.WebTest;
import dev.obo.web.WebUser;
import dev.obo.web.WebUser.Page;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in and seeing one's subscriptions, through all three real processes. */
class SignInFlowTest extends WebTest {

    @Test
    void homeWhenSignedOutThenWhatTheAppDoesAndASignInButton() {
        Page home = user().open("/");

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.document().select("#sign-in").attr("href")).isEqualTo("/account/login");
        assertThat(home.text("h1")).contains("subscriptions");
    }

    @Test
    void signInWhenAliceThenHerTwoSubscriptionsAndHowItWorked() {
        WebUser alice = user();
        Page login = alice.open("/account/login");
        assertThat(login.uri().toString()).startsWith(system().authority() + "/oauth2/v2.0/authorize");
        assertThat(login.uri().getQuery()).contains("code_challenge_method=S256", "nonce=", "state=");

        Page home = alice.signIn(login, "alice@onbehalf.test");

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.uri().toString()).isEqualTo(system().webBase() + "/");
        assertThat(home.text("h1")).isEqualTo("Hello, Alice Adams");
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(2);
        assertThat(home.document().select("#how-this-worked svg text.label").eachText())
                .anySatisfy(label -> assertThat(label).startsWith("On-Behalf-Of for ARM"))
                .anySatisfy(label -> assertThat(label).startsWith("On-Behalf-Of for Graph"))
                .anySatisfy(label -> assertThat(label).startsWith("GET /v1.0/me"));
        assertThat(home.document().select("#how-this-worked dt").eachText()).contains("aud", "oid", "scp");
        assertThat(home.document().select("#profile dd").eachText()).as("her Graph profile").contains("Alice Adams", "alice@onbehalf.test");
        assertThat(home.document().html()).as("no raw token on the page").doesNotContainPattern("eyJ[A-Za-z0-9_-]{8,}\\.eyJ");
    }

    @Test
    void homeWhenApiNamedAsTheSeedNamesItThenItsSubscriptionsEndpointAnswers(@Autowired Environment environment) {
        assertThat(environment.getProperty("FLASK_BACKEND_URL")).isEqualTo(system().apiUrl() + "/subscriptions");
        WebUser alice = user();

        Page home = alice.signIn(alice.open("/account/login"), "alice@onbehalf.test");

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(2);
    }

    @Test
    void authorizationWhenRegistrationIsNotOursThenNoServerErrorButOurSignIn() {
        WebUser visitor = user();

        Page page = visitor.open("/oauth2/authorization/not-ours");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.uri().toString()).as("sent to sign in with Entra").startsWith(system().authority() + "/oauth2/v2.0/authorize");
    }

    @Test
    void signInWhenBobThenHisOneSubscription() {
        WebUser bob = user();
        Page home = bob.signIn(bob.open("/account/login"), "bob@onbehalf.test");

        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(1);
    }

    @Test
    void homeWhenSubscriptionNameIsMarkupThenShownAsText() {
        WebUser alice = user();
        Page home = alice.signIn(alice.open("/account/login"), "alice@onbehalf.test");

        assertThat(home.document().select("#subscriptions td.name").eachText()).contains(WebSystem.XSS);
        assertThat(home.document().select("#subscriptions img")).isEmpty();
        assertThat(home.response().body()).contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void homeWhenAccessTokenDueForRefreshThenRefreshedWithoutSigningInAgain() {
        WebUser bob = user();
        bob.signIn(bob.open("/account/login"), "bob@onbehalf.test");
        long refreshes = system().tokenRequests("refresh_token");

        Page again = bob.open("/");

        assertThat(again.document().select("#subscriptions tbody tr")).hasSize(1);
        assertThat(system().tokenRequests("refresh_token")).isGreaterThan(refreshes);
        assertThat(again.uri().toString()).as("no trip to the sign-in page").startsWith(system().webBase());
    }

    @Test
    void pagesWhenServedThenSecurityHeaders() {
        Page home = user().open("/");

        assertThat(home.header("Content-Security-Policy")).contains("default-src 'self'").doesNotContain("unsafe-inline");
        assertThat(home.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(home.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(home.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    }

    @Test
    void unknownPageWhenSignedInThen404Page() {
        WebUser bob = user();
        bob.signIn(bob.open("/account/login"), "bob@onbehalf.test");

        Page missing = bob.open("/no-such-page");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("h1")).isEqualTo("This page does not exist");
    }

}
