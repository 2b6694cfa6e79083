package dev.obo.web.home;

import org.junit.jupiter.api.Test;

import dev.obo.web.WebTest;
import dev.obo.web.WebUser;
import dev.obo.web.WebUser.Page;

import static org.assertj.core.api.Assertions.assertThat;

/** The API stops: a friendly page that says what happened and offers a retry; the API starts again: the retry works. */
class ApiDownTest extends WebTest {

    @Test
    void homeWhenApiStoppedThenFriendlyPageAndRetryWorksOnceItIsBack() {
        WebUser bob = user();
        bob.signIn(bob.open("/account/login"), "bob@onbehalf.test");

        system().stopApi();
        Page down;
        try {
            down = bob.open("/");
        } finally {
            system().startApi();
        }

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.text("h1")).isEqualTo("The API is not reachable");
        assertThat(down.text("header .who")).as("the sign-in is fine, and the header says so").isEqualTo("bob@onbehalf.test");
        assertThat(down.document().select("#sign-in-top")).isEmpty();
        assertThat(down.document().select("#retry").attr("href")).isEqualTo("/");
        assertThat(down.response().body()).doesNotContain("Exception", "at dev.obo");
        Page retried = bob.open(down.document().select("#retry").attr("href"));
        assertThat(retried.document().select("#subscriptions tbody tr")).hasSize(1);
    }
}
