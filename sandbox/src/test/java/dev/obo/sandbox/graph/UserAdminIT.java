package dev.obo.sandbox.graph;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.obo.sandbox.RunningSandbox;

import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin operations on a user ({@code /admin/users/{upn}/...}): what each does to the account
 * (enabled, tokens valid from the sandbox's now, to the second; a reset password), and the refusals
 * of what they cannot take, in Graph's error JSON. Each test has a user of its own (test seed), so no
 * test sees another's revocation.
 */
class UserAdminIT extends RunningSandbox {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void revokeSessionsWhenUserKnownThenTokensValidFromIsTheSandboxesNowToTheSecond() throws Exception {
        clock.advance(Duration.ofHours(3));
        Instant now = clock.instant();

        Answer answer = admin("POST", "GRACE@onbehalf.test", "revoke-sessions", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsOnlyKeys("userPrincipalName", "accountEnabled", "tokensValidFrom")
                .containsEntry("userPrincipalName", "grace@onbehalf.test").containsEntry("accountEnabled", true);
        Instant validFrom = Instant.parse((String) answer.json().get("tokensValidFrom"));
        assertThat(validFrom).isEqualTo(validFrom.truncatedTo(ChronoUnit.SECONDS)).isBetween(now.minusSeconds(1), clock.instant());
    }

    @Test
    void disableWhenUserKnownThenDisabledAndRevokedAndEnableRestoresSignIn() {
        assertThat(signIn("heidi@onbehalf.test", "sandbox")).isEqualTo(200);

        Answer disabled = admin("POST", "heidi@onbehalf.test", "disable", null);

        assertThat(disabled.json()).containsEntry("accountEnabled", false);
        assertThat(Instant.parse((String) disabled.json().get("tokensValidFrom"))).isAfter(Instant.EPOCH);
        Result refused = token(web(), new ResourceOwnerPasswordCredentialsGrant("heidi@onbehalf.test", new Secret("sandbox")), API_SCOPE, Map.of());
        assertThat(refused.errorCode()).isEqualTo(50057);

        Answer enabled = admin("POST", "heidi@onbehalf.test", "enable", null);

        assertThat(enabled.json()).containsEntry("accountEnabled", true)
                .containsEntry("tokensValidFrom", disabled.json().get("tokensValidFrom"));
        assertThat(signIn("heidi@onbehalf.test", "sandbox")).isEqualTo(200);
    }

    @Test
    void enableWhenNeverRevokedThenValidFromTheEpoch() {
        assertThat(admin("POST", "ivan@onbehalf.test", "enable", null).json())
                .containsEntry("accountEnabled", true).containsEntry("tokensValidFrom", "1970-01-01T00:00:00Z");
    }

    @Test
    void resetPasswordWhenNewPasswordGivenThenOnlyItSignsIn() {
        Answer answer = admin("POST", "judy@onbehalf.test", "reset-password", "{\"password\":\"n3w-Passw0rd\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("tokensValidFrom")).isNotEqualTo("1970-01-01T00:00:00Z");
        assertThat(signIn("judy@onbehalf.test", "n3w-Passw0rd")).isEqualTo(200);
        assertThat(signIn("judy@onbehalf.test", "sandbox")).isEqualTo(400);
    }

    @ParameterizedTest(name = "body: {0}")
    @ValueSource(strings = {"", "{}", "{\"password\":null}"})
    void resetPasswordWhenNoNewPasswordThenThePasswordStaysAndSessionsAreRevoked(String body) {
        Answer answer = admin("POST", "ken@onbehalf.test", "reset-password", body.isEmpty() ? null : body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("tokensValidFrom")).isNotEqualTo("1970-01-01T00:00:00Z");
        assertThat(signIn("ken@onbehalf.test", "sandbox")).isEqualTo(200);
    }

    @Test
    void adminWhenUserUnknownThen404InGraphsJson() {
        for (String operation : List.of("revoke-sessions", "disable", "enable", "reset-password")) {
            Answer answer = admin("POST", "nobody@onbehalf.test", operation, null);

            assertThat(answer.status()).as(operation).isEqualTo(404);
            Map<String, Object> error = answer.error();
            assertThat(error).containsEntry("code", "Request_ResourceNotFound").containsEntry("message",
                    "Resource 'nobody@onbehalf.test' does not exist or one of its queried reference-property objects are not present.");
            assertThat(innerError(error)).containsOnlyKeys("date", "request-id", "client-request-id")
                    .allSatisfy((key, value) -> assertThat(value).isNotNull());
        }
    }

    @ParameterizedTest(name = "body: {0}")
    @ValueSource(strings = {"{\"password\":", "not json", "[\"n3w\"]", "\"n3w\"", "{\"password\":42}", "{\"password\":\"\"}",
            "{\"password\":{\"value\":\"x\"}}"})
    void resetPasswordWhenBodyMalformedThen400InGraphsJsonAndNothingChanges(String body) {
        Answer answer = admin("POST", "liam@onbehalf.test", "reset-password", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code")).isIn("BadRequest", "Request_BadRequest");
        assertThat(innerError(answer.error())).containsKeys("date", "request-id", "client-request-id");
        assertThat(admin("POST", "liam@onbehalf.test", "enable", null).json()).containsEntry("tokensValidFrom", "1970-01-01T00:00:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void adminWhenNotPostThen405(String method) {
        Answer answer = admin(method, "mia@onbehalf.test", "revoke-sessions", null);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.response().headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void revokeSessionsWhenManyAtOnceFromThreadsThenEveryOneAnswersAndTheLastStandsForTheUser() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < threads * 4; i++) {
                String operation = i % 4 == 3 ? "enable" : i % 4 == 2 ? "disable" : "revoke-sessions";
                answers.add(pool.submit(() -> {
                    start.await();
                    return admin("POST", "noah@onbehalf.test", operation, null);
                }));
            }
            start.countDown();
            for (Future<Answer> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Object> last = admin("POST", "noah@onbehalf.test", "enable", null).json();
        assertThat(last).containsEntry("accountEnabled", true);
        assertThat(Instant.parse((String) last.get("tokensValidFrom"))).isAfter(Instant.EPOCH).isBeforeOrEqualTo(clock.instant());
    }

    private int signIn(String username, String password) {
        return token(web(), new ResourceOwnerPasswordCredentialsGrant(username, new Secret(password)), API_SCOPE, Map.of()).status();
    }

    private Answer admin(String method, String user, String operation, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/admin/users/" + user + "/" + operation))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return new Answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> innerError(Map<String, Object> error) {
        return (Map<String, Object>) error.get("innerError");
    }
}
