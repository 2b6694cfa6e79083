package dev.obo.api.obo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.Sandbox;

import static org.assertj.core.api.Assertions.assertThat;

/** The identity provider goes away (its sandbox is stopped): On-Behalf-Of cannot happen, and the API says 503 with Retry-After. */
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=api-server")
class IdentityProviderDownIT {

    private static Sandbox OWN;

    @LocalServerPort
    int port;

    @BeforeAll
    static void sandbox(Sandbox own) {
        OWN = own;
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("onbehalf.timeout", () -> "1s");
    }


    @Test
    void getSubscriptionsWhenIdentityProviderStoppedThen503WithRetryAfter() throws Exception {
        String token = OWN.userToken("alice@onbehalf.test");
        // Warm the API's key cache while the identity provider is up, as a running API would have it.
        assertThat(call("bob", OWN.userToken("bob@onbehalf.test")).statusCode()).isEqualTo(200);

        OWN.close();
        HttpResponse<String> response = call("alice", token);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("type", "urn:onbehalf:problem:identity-provider-unavailable");
    }

    private HttpResponse<String> call(String who, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/subscriptions"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
