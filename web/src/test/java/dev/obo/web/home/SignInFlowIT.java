package dev.obo.web.home;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import dev.obo.sandbox.junit.BrowserlessUser;
import dev.obo.sandbox.junit.BrowserlessUser.Page;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.Sandbox;
import dev.obo.web.InProcessApi;
import dev.obo.web.WebIT;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in and seeing one's subscriptions, through all three real processes. */
class SignInFlowIT extends WebIT {

    @Test
    void signInWhenAliceThenHerTwoSubscriptionsAndHowItWorked(Sandbox sandbox) {
        BrowserlessUser alice = visitor();
        Page login = alice.open(web("/account/login"));
        assertThat(login.uri().toString()).startsWith(sandbox.authorizeEndpoint());
        assertThat(login.uri().getQuery()).contains("code_challenge_method=S256", "nonce=", "state=");

        Page home = alice.signIn(login, DemoTenant.ALICE);

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.uri().toString()).isEqualTo(web("/"));
        assertThat(home.text("h1")).isEqualTo("Hello, Alice Adams");
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(2);
        assertThat(home.document().select("#how-this-worked svg text.label").eachText())
                .anySatisfy(label -> assertThat(label).startsWith("On-Behalf-Of for ARM"))
                .anySatisfy(label -> assertThat(label).startsWith("On-Behalf-Of for Graph"))
                .anySatisfy(label -> assertThat(label).startsWith("GET /v1.0/me"));
        assertThat(home.document().select("#how-this-worked dt").eachText()).contains("aud", "oid", "scp");
        assertThat(home.document().select("#profile dd").eachText()).as("her Graph profile").contains("Alice Adams", DemoTenant.ALICE);
        assertThat(home.document().html()).as("no raw token on the page").doesNotContainPattern("eyJ[A-Za-z0-9_-]{8,}\\.eyJ");
    }

    @Test
    void homeWhenApiNamedAsTheSeedNamesItThenItsSubscriptionsEndpointAnswers(@Autowired Environment environment) {
        assertThat(environment.getProperty("FLASK_BACKEND_URL")).isEqualTo(InProcessApi.url() + "/subscriptions");

        BrowserlessUser alice = visitor();
        Page home = alice.signIn(alice.open(web("/account/login")), DemoTenant.ALICE);

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(2);
    }

    @Test
    void authorizationWhenRegistrationIsNotOursThenNoServerErrorButOurSignIn(Sandbox sandbox) {
        Page page = visitor().open(web("/oauth2/authorization/not-ours"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.uri().toString()).as("sent to sign in with Entra").startsWith(sandbox.authorizeEndpoint());
    }

    @Test
    void signInWhenBobThenHisOneSubscription() {
        Page home = signedIn(DemoTenant.BOB).open(web("/"));

        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(1);
    }

    @Test
    void homeWhenSubscriptionNameIsMarkupThenShownAsText() {
        Page home = signedIn(MALLORY).open(web("/"));

        assertThat(home.document().select("#subscriptions td.name").eachText()).containsExactly(XSS);
        assertThat(home.document().select("#subscriptions img")).isEmpty();
        assertThat(home.body()).contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void homeWhenAccessTokenDueForRefreshThenRefreshedWithoutSigningInAgain(Sandbox sandbox) {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);
        long refreshes = sandbox.tokenRequests("refresh_token");

        Page again = bob.open(web("/"));

        assertThat(again.document().select("#subscriptions tbody tr")).hasSize(1);
        assertThat(sandbox.tokenRequests("refresh_token")).isGreaterThan(refreshes);
        assertThat(again.uri().toString()).as("no trip to the sign-in page").startsWith(web("/"));
    }

    @Test
    void unknownPageWhenSignedInThen404Page() {
        Page missing = signedIn(DemoTenant.BOB).open(web("/no-such-page"));

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("h1")).isEqualTo("This page does not exist");
    }
}
