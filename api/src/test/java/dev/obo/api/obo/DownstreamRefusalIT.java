package dev.obo.api.obo;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.obo.api.RunningApi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ARM refuses a cached ARM token (401, as for a revoked session; injected at the sandbox's ARM
 * stand-in): the API evicts it, gets a new one On-Behalf-Of once, calls ARM again once and
 * answers 200; the new token is cached. A refusal of a token just issued is not retried.
 */
class DownstreamRefusalIT extends RunningApi {

    @AfterEach
    void noFaults() {
        sandbox().clearArmFaults();
    }

    @Test
    void getSubscriptionsWhenArmRefusesTheCachedTokenThenEvictedOneNewOboAndServed() {
        String token = sandbox().userToken("alice@onbehalf.test");
        assertThat(get("/subscriptions", token).statusCode()).isEqualTo(200);
        long oboBefore = sandbox().oboRequests();
        long armBefore = sandbox().armRequests();
        sandbox().armFaults("{\"status\":401,\"count\":1}");

        HttpResponse<String> response = get("/subscriptions", token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(value(response)).hasSize(2);
        assertThat(sandbox().oboRequests() - oboBefore).as("one new On-Behalf-Of request").isEqualTo(1);
        assertThat(sandbox().armRequests() - armBefore).as("ARM called again once").isEqualTo(2);
        HttpResponse<String> next = get("/subscriptions", token);
        assertThat(next.headers().firstValue("Server-Timing")).hasValueSatisfying(h -> assertThat(h).contains("desc=\"hit\""));
        assertThat(sandbox().oboRequests() - oboBefore).as("the new token is cached").isEqualTo(1);
    }

    @Test
    void getSubscriptionsWhenArmRefusesATokenJustIssuedThen502WithoutRetryAndNotCached() {
        String token = sandbox().userToken("bob@onbehalf.test");
        long oboBefore = sandbox().oboRequests();
        long armBefore = sandbox().armRequests();
        sandbox().armFaults("{\"status\":401,\"count\":1}");

        HttpResponse<String> refused = get("/subscriptions", token);

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(json(refused)).containsEntry("armCode", "InvalidAuthenticationToken");
        assertThat(refused.headers().firstValue("Retry-After")).as("a refusal is no passing outage").isEmpty();
        assertThat(sandbox().armRequests() - armBefore).isEqualTo(1);
        assertThat(get("/subscriptions", token).statusCode()).isEqualTo(200);
        assertThat(sandbox().oboRequests() - oboBefore).as("the refused token was not kept").isEqualTo(2);
    }
}
