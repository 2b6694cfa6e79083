package dev.obo.api.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.obo.api.RunningApi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API remembers the inbound tokens it verified: a token used again is a hit, yet a
 * tampered copy of it is checked in full and refused, and a remembered token still dies at
 * its {@code exp}. No clock skew here, so expiry is exact.
 */
@TestPropertySource(properties = "onbehalf.clock-skew=0s")
class VerifiedTokensIT extends RunningApi {

    @Test
    void getSubscriptionsWhenSameTokenAgainThenVerifiedTokenHitAndSameAnswer() {
        String token = sandbox().userToken("alice@onbehalf.test");
        long hits = verifiedTokens("hit");
        long misses = verifiedTokens("miss");

        HttpResponse<String> first = get("/subscriptions", token);
        HttpResponse<String> second = get("/subscriptions", token);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(value(second)).isEqualTo(value(first));
        assertThat(verifiedTokens("miss")).isEqualTo(misses + 1);
        assertThat(verifiedTokens("hit")).isEqualTo(hits + 1);
    }

    @Test
    void getSubscriptionsWhenTamperedCopyOfRememberedTokenThen401() {
        String token = sandbox().userToken("alice@onbehalf.test");
        assertThat(get("/subscriptions", token).statusCode()).isEqualTo(200);
        long hits = verifiedTokens("hit");

        HttpResponse<String> response = get("/subscriptions", InboundTokenIT.tampered(token));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
        assertThat(verifiedTokens("hit")).as("a tampered copy is not the remembered token").isEqualTo(hits);
    }

    @Test
    void getSubscriptionsWhenRefusedTokenAgainThenCheckedAgainAndRefused() {
        String forged = InboundTokenIT.tampered(sandbox().userToken("alice@onbehalf.test"));
        long hits = verifiedTokens("hit");

        assertThat(get("/subscriptions", forged).statusCode()).isEqualTo(401);
        assertThat(get("/subscriptions", forged).statusCode()).isEqualTo(401);

        assertThat(verifiedTokens("hit")).as("a refused token is never remembered").isEqualTo(hits);
    }

    @Test
    void getSubscriptionsWhenRememberedTokenExpiresThen401() throws InterruptedException {
        Instant expiry = Instant.now().plusSeconds(3);
        String token = InboundTokenIT.resigned(sandbox(), claims -> claims.expirationTime(Date.from(expiry)));
        assertThat(get("/subscriptions", token).statusCode()).isEqualTo(200);
        assertThat(get("/subscriptions", token).statusCode()).as("remembered while valid").isEqualTo(200);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 1_100);
        HttpResponse<String> response = get("/subscriptions", token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("detail").toString()).contains("Jwt expired at");
    }

    private long verifiedTokens(String result) {
        HttpResponse<String> response = get("/actuator/metrics/cache.gets?tag=cache:verified.tokens&tag=result:" + result, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<?, ?> measurement = (Map<?, ?>) ((List<?>) json(response).get("measurements")).get(0);
        return ((Number) measurement.get("value")).longValue();
    }
}
