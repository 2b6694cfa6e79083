package dev.obo.web.home;

import org.junit.jupiter.api.Test;

import dev.obo.sandbox.junit.BrowserlessUser;
import dev.obo.sandbox.junit.BrowserlessUser.Page;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.Sandbox;
import dev.obo.web.WebIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider restarts while a user is signed in: its keys, sessions and refresh tokens
 * are gone. The user's next page load is not a 500: the refused refresh sends them to sign in
 * again, and after signing in they see their subscriptions.
 */
class IdentityProviderRestartIT extends WebIT {

    @Test
    void homeWhenIdentityProviderRestartedThenSignInAgainAndSubscriptions(Sandbox sandbox) {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);
        assertThat(bob.open(web("/")).document().select("#subscriptions tbody tr")).hasSize(1);

        sandbox.restart();
        Page next = bob.open(web("/"));

        assertThat(next.status()).as(next.document().text()).isEqualTo(200);
        assertThat(next.uri().toString()).as("at the identity provider's sign-in page").startsWith(sandbox.base());
        Page home = bob.signIn(next, DemoTenant.BOB);
        assertThat(home.uri().toString()).as(home.document().text()).isEqualTo(web("/"));
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(1);
    }
}
