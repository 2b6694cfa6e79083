package dev.obo.api.arm;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.obo.api.RunningApi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ARM misbehaving, caused for real at the sandbox's ARM stand-in (fault injection), and
 * what the API makes of it: retries that honour Retry-After, then 502, 504 or 429 problems.
 * The fixture gives the API a 1 s read timeout and a 4 s budget.
 */
class ArmFaultsIT extends RunningApi {

    @AfterEach
    void noFaults() {
        sandbox().clearArmFaults();
    }

    @Test
    void getSubscriptionsWhenArmThrottlesOnceThenRetriesAfterRetryAfterAnd200() {
        String token = sandbox().userToken("alice@onbehalf.test");
        sandbox().armFaults("{\"status\":429,\"count\":1,\"retryAfterSeconds\":1}");
        long armBefore = sandbox().armRequests();

        HttpResponse<String> response = get("/subscriptions", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox().armRequests() - armBefore).isEqualTo(2);
    }

    @Test
    void getSubscriptionsWhenArmAnswers503ForeverThen502WithArmsCodeWithinTheBudget() {
        String token = sandbox().userToken("alice@onbehalf.test");
        sandbox().armFaults("{\"status\":503,\"count\":1000,\"retryAfterSeconds\":1}");
        long armBefore = sandbox().armRequests();

        HttpResponse<String> response = get("/subscriptions", token);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response)).containsEntry("type", "urn:onbehalf:problem:arm-error").containsEntry("armCode", "ServiceUnavailable");
        assertThat(response.headers().firstValue("Retry-After")).as("ARM's own retry hint, passed on").contains("1");
        assertThat(sandbox().armRequests() - armBefore).as("bounded attempts").isEqualTo(3);
    }

    @Test
    void getSubscriptionsWhenArmKeepsThrottlingPastTheBudgetThen429WithRetryAfter() {
        String token = sandbox().userToken("alice@onbehalf.test");
        sandbox().armFaults("{\"status\":429,\"count\":1000,\"retryAfterSeconds\":30}");

        HttpResponse<String> response = get("/subscriptions", token);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("30");
        assertThat(json(response)).containsEntry("armCode", "TooManyRequests");
    }

    @Test
    void getSubscriptionsWhenArmSlowerThanTheReadTimeoutThen504() {
        String token = sandbox().userToken("alice@onbehalf.test");
        sandbox().armFaults("{\"latencyMs\":2500}");

        HttpResponse<String> response = get("/subscriptions", token);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response)).containsEntry("type", "urn:onbehalf:problem:arm-timeout");
        assertThat(response.headers().firstValue("Retry-After")).as("a passing outage says when to retry").isPresent();
    }

    @Test
    void getSubscriptionsWhenArmFailsWith500ThenNoRetryAnd502() {
        String token = sandbox().userToken("alice@onbehalf.test");
        sandbox().armFaults("{\"status\":500,\"count\":1}");
        long armBefore = sandbox().armRequests();

        HttpResponse<String> response = get("/subscriptions", token);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response)).containsEntry("armCode", "InternalServerError");
        assertThat(response.headers().firstValue("Retry-After")).as("a passing outage says when to retry").contains("5");
        assertThat(sandbox().armRequests() - armBefore).isEqualTo(1);
    }
}
