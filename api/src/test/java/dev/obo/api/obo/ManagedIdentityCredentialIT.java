package dev.obo.api.obo;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.ClientAuthentication;
import dev.obo.sandbox.junit.DemoTenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API proving itself with its user-assigned managed identity, asked in IMDS's shape: the
 * managed identity's token for {@code api://AzureADTokenExchange}, issued by the tenant's own v2.0
 * issuer to the identity's principal id, is the client assertion the sandbox sees.
 */
class ManagedIdentityCredentialIT extends RunningApi {

    @DynamicPropertySource
    static void managedIdentity(DynamicPropertyRegistry registry) {
        registry.add("CLIENT_CREDENTIAL_TYPE", () -> "managed-identity");
        registry.add("MANAGED_IDENTITY_ENDPOINT", () -> sandbox().managedIdentityEndpoint());
        registry.add("MANAGED_IDENTITY_CLIENT_ID", () -> DemoTenant.API_IDENTITY_CLIENT_ID);
    }

    @Test
    void getSubscriptionsWhenImdsManagedIdentityThenItsTokenIsTheClientAssertion() {
        HttpResponse<String> response = get("/subscriptions", sandbox().userToken(DemoTenant.ALICE));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ClientAuthentication seen = sandbox().clientAuthentications().get(0);
        System.out.println("client_authentication type=managed-identity(IMDS) method=" + seen.method() + " header=" + seen.header()
                + " claims=" + seen.claims());
        assertThat(seen.clientId()).isEqualTo(DemoTenant.API);
        assertThat(seen.method()).isEqualTo("federated");
        assertThat(seen.claims()).containsEntry("iss", sandbox().issuer()).containsEntry("sub", DemoTenant.API_IDENTITY_PRINCIPAL_ID);
        assertThat(seen.claims().get("aud").toString()).contains("api://AzureADTokenExchange");
    }
}
