package dev.obo.web.security;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.obo.web.WebTest;
import dev.obo.web.WebUser;
import dev.obo.web.WebUser.Page;

import static org.assertj.core.api.Assertions.assertThat;

/** Logout is a POST with CSRF that ends the session here and at the identity provider; without the token it is refused. */
class LogoutAndCsrfTest extends WebTest {

    @Test
    void logoutWhenConfirmedThenSignedOutHereAndAtTheIdentityProvider() {
        WebUser bob = user();
        Page home = bob.signIn(bob.open("/account/login"), "bob@onbehalf.test");
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(1);

        Page confirm = bob.open("/account/logout");
        assertThat(confirm.text("h1")).isEqualTo("Sign out?");
        Page after = bob.submit(confirm, "form", Map.of());

        assertThat(after.uri().toString()).isEqualTo(system().webBase() + "/");
        assertThat(after.document().select("#sign-in")).isNotEmpty();
        Page back = bob.open("/");
        assertThat(back.document().select("#subscriptions")).as("the list is gone").isEmpty();
        Page login = bob.open("/account/login");
        assertThat(login.title()).as("the identity provider asks again").startsWith("Sign in");
    }

    @Test
    void logoutWhenPostedWithoutCsrfTokenThenRefusedAndStillSignedIn() {
        WebUser bob = user();
        bob.signIn(bob.open("/account/login"), "bob@onbehalf.test");

        Page refused = bob.post(URI.create(system().webBase() + "/account/logout"), Map.of());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(bob.open("/").document().select("#subscriptions tbody tr")).hasSize(1);
    }

    @Test
    void sessionCookieWhenSignInStartsThenHttpOnlyAndLax() throws Exception {
        java.net.http.HttpResponse<Void> start = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(system().webBase() + "/oauth2/authorization/entra")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());

        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("OBOSESSION=").contains("HttpOnly", "SameSite=Lax"));
    }
}
