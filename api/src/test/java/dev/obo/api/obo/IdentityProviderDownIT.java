package dev.obo.api.obo;

import java.net.http.HttpResponse;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.EntraSandbox;

import static org.assertj.core.api.Assertions.assertThat;

/** The identity provider goes away (its sandbox is stopped): On-Behalf-Of cannot happen, and the API says 503 with Retry-After. */
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS)
class IdentityProviderDownIT extends RunningApi {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("onbehalf.timeout", () -> "1s");
    }

    @Test
    void getSubscriptionsWhenIdentityProviderStoppedThen503WithRetryAfter() throws Exception {
        String token = sandbox().userToken("alice@onbehalf.test");
        // Warm the API's key cache while the identity provider is up, as a running API would have it.
        assertThat(get("/subscriptions", sandbox().userToken("bob@onbehalf.test")).statusCode()).isEqualTo(200);

        sandbox().close();
        HttpResponse<String> response = get("/subscriptions", token);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("type", "urn:onbehalf:problem:identity-provider-unavailable");
    }
}
