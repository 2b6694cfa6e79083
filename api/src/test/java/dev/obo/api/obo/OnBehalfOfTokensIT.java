package dev.obo.api.obo;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.obo.api.RunningApi;

import static org.assertj.core.api.Assertions.assertThat;

/** The On-Behalf-Of cache as the sandbox sees it: one token request per new assertion, however many callers. */
class OnBehalfOfTokensIT extends RunningApi {

    @Test
    void getSubscriptionsWhenCalledTwiceWithTheSameTokenThenSecondIsACacheHit() {
        String token = sandbox().userToken("alice@onbehalf.test");
        long before = sandbox().oboRequests();

        HttpResponse<String> first = get("/subscriptions", token);
        HttpResponse<String> second = get("/subscriptions", token);

        assertThat(first.headers().firstValue("Server-Timing").orElseThrow()).contains("desc=\"miss\"");
        assertThat(second.headers().firstValue("Server-Timing").orElseThrow()).contains("desc=\"hit\"");
        assertThat(sandbox().oboRequests() - before).isEqualTo(1);
    }

    @Test
    void getSubscriptionsWhenHundredConcurrentFirstCallsThenOneOnBehalfOfRequest() throws Exception {
        String token = sandbox().userToken("bob@onbehalf.test");
        long before = sandbox().oboRequests();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                return get("/subscriptions", token).statusCode();
            }));
        }
        start.countDown();
        for (Future<Integer> call : calls) {
            assertThat(call.get()).isEqualTo(200);
        }
        pool.shutdown();

        assertThat(sandbox().oboRequests() - before).isEqualTo(1);
    }

    @Test
    void getSubscriptionsWhenSameUserComesWithANewAssertionThenANewOnBehalfOfRequest() {
        long before = sandbox().oboRequests();

        get("/subscriptions", sandbox().userToken("alice@onbehalf.test"));
        get("/subscriptions", sandbox().userToken("alice@onbehalf.test"));

        assertThat(sandbox().oboRequests() - before).isEqualTo(2);
    }

    @Test
    void getSubscriptionsWhenUserHasNotConsentedThen403ConsentChallenge() {
        HttpResponse<String> response = get("/subscriptions", sandbox().userToken("carol@onbehalf.test"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response)).containsEntry("type", "urn:onbehalf:problem:consent-required")
                .containsEntry("scope", "api://4a5b6c7d-0000-4000-8000-000000000003/.default");
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("scope=\"api://4a5b6c7d-0000-4000-8000-000000000003/.default\"");
    }
}
