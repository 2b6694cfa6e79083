package dev.obo.api.obo;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.DemoTenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The managed identity endpoint down (503) while the API holds no token of it: the caller gets 503
 * {@code credential-unavailable} with {@code Retry-After}, the log names the endpoint; when the
 * endpoint is back, the next request works without a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // each needs an API that holds no managed identity token yet
class ManagedIdentityDownIT extends RunningApi {

    @DynamicPropertySource
    static void managedIdentity(DynamicPropertyRegistry registry) {
        registry.add("CLIENT_CREDENTIAL_TYPE", () -> "managed-identity");
        registry.add("MANAGED_IDENTITY_ENDPOINT", () -> sandbox().managedIdentityEndpoint());
        registry.add("MANAGED_IDENTITY_CLIENT_ID", () -> DemoTenant.API_IDENTITY_CLIENT_ID);
    }

    @AfterEach
    void endpointBack() {
        sandbox().clearManagedIdentityFaults();
    }

    @Test
    @Order(2)
    void getSubscriptionsWhenTheManagedIdentityEndpointIsDownThen503AndWhenBackThen200(CapturedOutput output) {
        sandbox().managedIdentityFaults("{\"status\":503,\"count\":100}");

        HttpResponse<String> down = get("/subscriptions", sandbox().userToken(DemoTenant.ALICE));

        SecretlessApi.assertCredentialUnavailable(down, "this API's managed-identity credential (IMDS endpoint "
                + sandbox().managedIdentityEndpoint(), "could not be used: the endpoint answered 503");
        assertThat(output.getAll()).contains("event=credential_failed type=managed-identity source=\"IMDS endpoint "
                + sandbox().managedIdentityEndpoint() + ", client id " + DemoTenant.API_IDENTITY_CLIENT_ID + "\" code=none");

        sandbox().clearManagedIdentityFaults();
        HttpResponse<String> back = get("/subscriptions", sandbox().userToken(DemoTenant.ALICE));

        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void getSubscriptionsWhenConcurrentCallersWaitForAFailingEndpointThenTheyShareItsFailure() throws Exception {
        List<String> assertions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            assertions.add(sandbox().userToken(i % 2 == 0 ? DemoTenant.ALICE : DemoTenant.BOB)); // 8 cache misses
        }
        long before = sandbox().managedIdentityTokenRequests("503");
        sandbox().managedIdentityFaults("{\"latencyMs\":500,\"status\":503,\"count\":100}");

        ExecutorService callers = Executors.newFixedThreadPool(assertions.size());
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String assertion : assertions) {
                answers.add(callers.submit(() -> get("/subscriptions", assertion)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(503);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(sandbox().managedIdentityTokenRequests("503") - before)
                .as("callers that waited for a failed fetch share it, instead of asking the endpoint one after another")
                .isLessThanOrEqualTo(2);
    }
}
