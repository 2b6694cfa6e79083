package dev.obo.api.obo;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.ClientAuthentication;
import dev.obo.sandbox.junit.DemoTenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API on App Service: {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER} as the platform sets
 * them. Concurrent first requests, each with its own token request, share one managed identity token.
 */
class AppServiceManagedIdentityIT extends RunningApi {

    private static final int CALLERS = 6;

    @DynamicPropertySource
    static void appService(DynamicPropertyRegistry registry) {
        registry.add("CLIENT_CREDENTIAL_TYPE", () -> "managed-identity");
        registry.add("IDENTITY_ENDPOINT", () -> sandbox().appServiceIdentityEndpoint());
        registry.add("IDENTITY_HEADER", () -> sandbox().identityHeaderSecret());
        registry.add("MANAGED_IDENTITY_CLIENT_ID", () -> DemoTenant.API_IDENTITY_CLIENT_ID);
    }

    @Test
    void getSubscriptionsWhenConcurrentFirstRequestsThenOneManagedIdentityTokenRequestAndAll200() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            tokens.add(sandbox().userToken(DemoTenant.ALICE));
        }
        long before = sandbox().managedIdentityTokenRequests("issued");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            for (String token : tokens) {
                answers.add(callers.submit(() -> {
                    start.await();
                    return get("/subscriptions", token);
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(sandbox().managedIdentityTokenRequests("issued") - before).as("one managed identity token, shared").isEqualTo(1);
        ClientAuthentication seen = sandbox().clientAuthentications().get(0);
        System.out.println("client_authentication type=managed-identity(App Service) method=" + seen.method() + " header=" + seen.header()
                + " claims=" + seen.claims());
        assertThat(seen.claims()).containsEntry("iss", sandbox().issuer()).containsEntry("sub", DemoTenant.API_IDENTITY_PRINCIPAL_ID);
    }
}
