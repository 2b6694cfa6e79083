package dev.obo.api;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads everything the API (and the sandbox beside it) logged while serving successes,
 * challenges and refusals: the events are there, with correlation ids, and no token,
 * assertion or secret is.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsInLogsIT extends RunningApi {

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}");

    @Test
    void logsWhenServingSuccessesChallengesAndRefusalsThenEventsButNoTokensOrSecrets(CapturedOutput output) {
        List<String> tokens = List.of(sandbox().userToken("alice@onbehalf.test"), sandbox().userToken("carol@onbehalf.test"),
                sandbox().userToken("dave@onbehalf.test"));
        tokens.forEach(token -> get("/subscriptions", token));
        get("/subscriptions", "not-a-token");
        get("/subscriptions", tokens.get(0).substring(0, tokens.get(0).length() - 4) + "AAAA");

        String logs = output.getAll();
        assertThat(logs).contains("event=subscriptions_listed", "event=obo_request", "event=obo_refused", "event=token_refused");
        assertThat(logs).as("no JWT in the logs").doesNotContainPattern(JWT);
        tokens.forEach(token -> assertThat(logs).doesNotContain(token.split("\\.")[2]));
        assertThat(logs).doesNotContain("api-secret", "web-secret", "client_secret=");
    }
}
