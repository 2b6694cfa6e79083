package dev.obo.web.home;

import org.junit.jupiter.api.Test;

import dev.obo.sandbox.junit.BrowserlessUser;
import dev.obo.sandbox.junit.BrowserlessUser.Page;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.web.InProcessApi;
import dev.obo.web.WebIT;

import static org.assertj.core.api.Assertions.assertThat;

/** The API stops: a friendly page that says what happened and offers a retry; the API starts again: the retry works. */
class ApiDownIT extends WebIT {

    @Test
    void homeWhenApiStoppedThenFriendlyPageAndRetryWorksOnceItIsBack() {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);

        InProcessApi.stop();
        Page down;
        try {
            down = bob.open(web("/"));
        } finally {
            InProcessApi.start();
        }

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.text("h1")).isEqualTo("The API is not reachable");
        assertThat(down.text("header .who")).as("the sign-in is fine, and the header says so").isEqualTo(DemoTenant.BOB);
        assertThat(down.document().select("#sign-in-top")).isEmpty();
        assertThat(down.document().select("#retry").attr("href")).isEqualTo("/");
        assertThat(down.body()).doesNotContain("Exception", "at dev.obo");
        Page retried = bob.open(web(down.document().select("#retry").attr("href")));
        assertThat(retried.document().select("#subscriptions tbody tr")).hasSize(1);
    }
}
