package dev.obo.api.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.text.ParseException;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.EntraSandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider's keys change under a running API that refreshes them in the background
 * every second: a rolled-over key is known before its first token even after a storm of forged
 * kids used up the on-demand refetch; a withdrawn key's remembered tokens are refused. The
 * sandbox is this test's own. Each wait is bounded at ten refresh intervals.
 */
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS)
class SigningKeyChangesIT extends RunningApi {

    private static final Duration BOUND = Duration.ofSeconds(10);
    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("onbehalf.jwks-refresh-interval", () -> "1s");
    }

    @Test
    void getSubscriptionsWhenKeyRolledOverAfterAStormOfForgedKidsThenItsTokensAreServed() throws Exception {
        assertThat(get("/subscriptions", sandbox().userToken("bob@onbehalf.test")).statusCode()).isEqualTo(200);
        for (int i = 0; i < 20; i++) {
            assertThat(get("/subscriptions", UnknownKidStormIT.signedByStranger(sandbox())).statusCode()).isEqualTo(401);
        }

        sandbox().rotateKeys();
        sandbox().rotateKeys();
        String signedByNewKey = sandbox().userToken("bob@onbehalf.test");

        assertThat(eventually(signedByNewKey, response -> response.statusCode() == 200)).as("the new key is known").isTrue();
    }

    @Test
    void getSubscriptionsWhenTheKeyOfARememberedTokenIsWithdrawnThenTheTokenIsRefused() throws Exception {
        String token = sandbox().userToken("alice@onbehalf.test");
        assertThat(get("/subscriptions", token).statusCode()).isEqualTo(200);
        assertThat(get("/subscriptions", token).statusCode()).as("remembered").isEqualTo(200);

        sandbox().restart();

        assertThat(eventually(token, response -> response.statusCode() == 401 && detail(response).startsWith("The bearer token was refused")))
                .as("refused at the door, its key being gone").isTrue();
    }

    private boolean eventually(String token, Predicate<HttpResponse<String>> condition) throws Exception {
        Instant until = Instant.now().plus(BOUND);
        while (Instant.now().isBefore(until)) {
            if (condition.test(get("/subscriptions", token))) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static String detail(HttpResponse<String> response) {
        try {
            return String.valueOf(JSONObjectUtils.parse(response.body()).get("detail"));
        } catch (ParseException e) {
            return "";
        }
    }
}
