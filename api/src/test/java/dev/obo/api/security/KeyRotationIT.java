package dev.obo.api.security;

import org.junit.jupiter.api.Test;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.EntraSandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing-key rollover at the identity provider while the API runs: the pre-published next
 * key is already known; a key the API never saw is fetched on its first use. The API and its
 * sandbox are this test's own, so no other test's unknown-kid requests have spent the JWKS
 * refresh rate limit.
 */
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS)
class KeyRotationIT extends RunningApi {

    @Test
    void getSubscriptionsWhenKeysRotateMidRunThenStill200() throws Exception {
        assertThat(get("/subscriptions", sandbox().userToken("bob@onbehalf.test")).statusCode()).isEqualTo(200);

        sandbox().rotateKeys();
        assertThat(get("/subscriptions", sandbox().userToken("bob@onbehalf.test")).statusCode()).as("signed by the pre-published next key").isEqualTo(200);

        sandbox().rotateKeys();
        assertThat(get("/subscriptions", sandbox().userToken("bob@onbehalf.test")).statusCode()).as("signed by a key the API never saw").isEqualTo(200);
    }
}
