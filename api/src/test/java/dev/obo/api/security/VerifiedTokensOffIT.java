package dev.obo.api.security;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.obo.api.RunningApi;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code VERIFIED_TOKEN_TTL=0}: no token is remembered; every use is verified in full, and still answered. */
@TestPropertySource(properties = "onbehalf.verified-token-ttl=0")
class VerifiedTokensOffIT extends RunningApi {

    @Test
    void getSubscriptionsWhenTtlZeroThenNoVerifiedTokenCacheAndEveryUseAnswered() {
        String token = sandbox().userToken("alice@onbehalf.test");

        assertThat(get("/subscriptions", token).statusCode()).isEqualTo(200);
        assertThat(get("/subscriptions", token).statusCode()).isEqualTo(200);
        assertThat(get("/subscriptions", InboundTokenIT.tampered(token)).statusCode()).isEqualTo(401);

        assertThat(get("/actuator/metrics/cache.gets?tag=cache:verified.tokens", Map.of()).statusCode())
                .as("no verified-token cache registered").isEqualTo(404);
    }
}
