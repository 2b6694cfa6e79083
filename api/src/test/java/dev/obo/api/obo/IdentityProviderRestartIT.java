package dev.obo.api.obo;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.EntraSandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider restarts with new signing keys while the API holds cached ARM tokens
 * for its users (ARM now refuses them). Each user's old token is answered 401
 * {@code invalid_token} at once, after one On-Behalf-Of attempt however many requests carry it,
 * and a new token is served at once. The sandbox is this test's own, restarted on its port.
 */
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS)
class IdentityProviderRestartIT extends RunningApi {

    private static final List<String> USERS = List.of("alice@onbehalf.test", "bob@onbehalf.test", "erin@onbehalf.test");

    @Test
    void getSubscriptionsWhenIdentityProviderRestartedThenOldTokens401AfterOneOboEachAndNewTokensServed() throws Exception {
        Map<String, String> oldTokens = new LinkedHashMap<>();
        for (String user : USERS) {
            oldTokens.put(user, sandbox().userToken(user));
            assertThat(get("/subscriptions", oldTokens.get(user)).statusCode()).as(user + " before the restart").isEqualTo(200);
        }

        sandbox().restart();

        ExecutorService callers = Executors.newFixedThreadPool(10);
        try {
            for (String user : USERS) {
                List<Future<HttpResponse<String>>> burst = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    Callable<HttpResponse<String>> request = () -> get("/subscriptions", oldTokens.get(user));
                    burst.add(callers.submit(request));
                }
                for (Future<HttpResponse<String>> answer : burst) {
                    HttpResponse<String> response = answer.get();
                    assertThat(response.statusCode()).as(user + "'s old token: " + response.body()).isEqualTo(401);
                    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
                    assertThat(JSONObjectUtils.parse(response.body())).containsEntry("type", "urn:onbehalf:problem:invalid-token");
                }
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(sandbox().oboRequests()).as("one On-Behalf-Of attempt per old token").isEqualTo(USERS.size());

        for (String user : USERS) {
            assertThat(get("/subscriptions", sandbox().userToken(user)).statusCode()).as(user + " with a new token").isEqualTo(200);
        }
    }
}
