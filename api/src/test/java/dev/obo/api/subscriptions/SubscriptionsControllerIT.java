package dev.obo.api.subscriptions;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.obo.api.RunningApi;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /subscriptions}: each user's own subscriptions from ARM, through On-Behalf-Of, with Server-Timing. */
class SubscriptionsControllerIT extends RunningApi {

    @Test
    void getSubscriptionsWhenAliceThenHerTwo() {
        HttpResponse<String> response = get("/subscriptions", sandbox().userToken("alice@onbehalf.test"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(value(response)).hasSize(2);
        assertThat(json(response)).containsOnlyKeys("value", "count").containsEntry("count", Map.of("type", "Total", "value", 2L));
        assertThat(response.headers().firstValue("Server-Timing")).hasValueSatisfying(timing ->
                assertThat(timing).matches("obo;dur=[0-9]+\\.[0-9]{2};desc=\"miss\", arm;dur=[0-9]+\\.[0-9]{2}"));
    }

    @Test
    void getSubscriptionsWhenOnePageThenSentWholeWithItsLength() {
        HttpResponse<String> response = get("/subscriptions", sandbox().userToken("alice@onbehalf.test"));

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue((long) response.body().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void getSubscriptionsWhenBobThenHisOne() {
        assertThat(value(get("/subscriptions", sandbox().userToken("bob@onbehalf.test")))).hasSize(1);
    }

    @Test
    void getSubscriptionsWhenArmPagesThenAllPagesJoined() {
        HttpResponse<String> response = get("/subscriptions", sandbox().userToken("erin@onbehalf.test"));

        assertThat(value(response)).hasSize(12);
        assertThat(json(response)).containsOnlyKeys("value", "count").containsEntry("count", Map.of("type", "Total", "value", 12L));
    }

    @Test
    void getSubscriptionWhenOwnThenIt() {
        HttpResponse<String> response = get("/subscriptions/5a1c0001-0000-4000-8000-00000000b001", sandbox().userToken("bob@onbehalf.test"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).containsEntry("subscriptionId", "5a1c0001-0000-4000-8000-00000000b001");
    }

    @Test
    void getSubscriptionWhenAnotherUsersThen404Problem() {
        HttpResponse<String> response = get("/subscriptions/5a1c0001-0000-4000-8000-00000000a001", sandbox().userToken("bob@onbehalf.test"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(response)).containsEntry("armCode", "SubscriptionNotFound");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"not-a-guid", "..%2F..%2Fadmin", "5a1c0001-0000-4000-8000-00000000b001x", "%00"})
    void getSubscriptionWhenIdIsNoSubscriptionIdThen404ProblemAndNoArmCall(String id) {
        long armBefore = sandbox().armRequests();

        HttpResponse<String> response = get("/subscriptions/" + id, sandbox().userToken("bob@onbehalf.test"));

        assertThat(response.statusCode()).as(response.body()).isIn(400, 404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(sandbox().armRequests()).isEqualTo(armBefore);
    }

    @Test
    void getSubscriptionsWhenCorrelationIdSentThenEchoed() {
        String id = "11111111-2222-4333-8444-555555555555";
        HttpResponse<String> response = get("/subscriptions", Map.of("Authorization", "Bearer " + sandbox().userToken("bob@onbehalf.test"),
                "x-ms-correlation-request-id", id));

        assertThat(response.headers().firstValue("x-ms-correlation-request-id")).contains(id);
    }
}
