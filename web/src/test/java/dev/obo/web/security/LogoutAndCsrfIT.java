package dev.obo.web.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.obo.sandbox.junit.BrowserlessUser;
import dev.obo.sandbox.junit.BrowserlessUser.Page;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.web.WebIT;

import static org.assertj.core.api.Assertions.assertThat;

/** Logout is a POST with CSRF that ends the session here and at the identity provider; without the token it is refused. */
class LogoutAndCsrfIT extends WebIT {

    @Test
    void logoutWhenConfirmedThenSignedOutHereAndAtTheIdentityProvider() {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);
        assertThat(bob.open(web("/")).document().select("#subscriptions tbody tr")).hasSize(1);

        Page confirm = bob.open(web("/account/logout"));
        assertThat(confirm.text("h1")).isEqualTo("Sign out?");
        Page after = bob.submit(confirm, "form", Map.of());

        assertThat(after.uri().toString()).isEqualTo(web("/"));
        assertThat(after.document().select("#sign-in")).isNotEmpty();
        Page back = bob.open(web("/"));
        assertThat(back.document().select("#subscriptions")).as("the list is gone").isEmpty();
        Page login = bob.open(web("/account/login"));
        assertThat(login.title()).as("the identity provider asks again").startsWith("Sign in");
    }

    @Test
    void logoutWhenPostedWithoutCsrfTokenThenRefusedAndStillSignedIn() {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);

        Page refused = bob.post(URI.create(web("/account/logout")), Map.of());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(bob.open(web("/")).document().select("#subscriptions tbody tr")).hasSize(1);
    }

    @Test
    void sessionCookieWhenSignInStartsThenHttpOnlyAndLax() throws Exception {
        HttpResponse<Void> start = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(web(EntraRegistration.SIGN_IN_PATH))).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("OBOSESSION=").contains("HttpOnly", "SameSite=Lax"));
    }
}
