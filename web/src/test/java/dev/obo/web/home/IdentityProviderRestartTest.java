package dev.obo.web.home;

import org.junit.jupiter.api.Test;

import dev.obo.web.WebTest;
import dev.obo.web.WebUser;
import dev.obo.web.WebUser.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider restarts while a user is signed in: its keys, sessions and refresh tokens
 * are gone. The user's next page load is not a 500: the refused refresh sends them to sign in
 * again, and after signing in they see their subscriptions.
 */
class IdentityProviderRestartTest extends WebTest {

    @Test
    void homeWhenIdentityProviderRestartedThenSignInAgainAndSubscriptions() {
        WebUser bob = user();
        bob.signIn(bob.open("/account/login"), "bob@onbehalf.test");
        assertThat(bob.open("/").document().select("#subscriptions tbody tr")).hasSize(1);

        system().restartSandbox();
        Page next = bob.open("/");

        assertThat(next.status()).as(next.document().text()).isEqualTo(200);
        assertThat(next.uri().toString()).as("at the identity provider's sign-in page").startsWith(system().sandboxBase());
        Page home = bob.signIn(next, "bob@onbehalf.test");
        assertThat(home.uri().toString()).as(home.document().text()).isEqualTo(system().webBase() + "/");
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(1);
    }
}
