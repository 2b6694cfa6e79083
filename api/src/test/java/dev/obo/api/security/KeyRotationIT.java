package dev.obo.api.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.Sandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing-key rollover at the identity provider while the API runs: the pre-published next
 * key is already known; a key the API never saw is fetched on its first use. The API and its
 * sandbox are this test's own, so no other test's unknown-kid requests have spent the JWKS
 * refresh rate limit.
 */
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=api-server")
class KeyRotationIT {

    private static Sandbox OWN;

    @LocalServerPort
    int port;

    @BeforeAll
    static void sandbox(Sandbox own) {
        OWN = own;
    }



    @Test
    void getSubscriptionsWhenKeysRotateMidRunThenStill200() throws Exception {
        assertThat(call(OWN.userToken("bob@onbehalf.test")).statusCode()).isEqualTo(200);

        OWN.rotateKeys();
        assertThat(call(OWN.userToken("bob@onbehalf.test")).statusCode()).as("signed by the pre-published next key").isEqualTo(200);

        OWN.rotateKeys();
        assertThat(call(OWN.userToken("bob@onbehalf.test")).statusCode()).as("signed by a key the API never saw").isEqualTo(200);
    }

    private HttpResponse<String> call(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/subscriptions"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
