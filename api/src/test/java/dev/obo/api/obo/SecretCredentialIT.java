package dev.obo.api.obo;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.ClientAuthentication;
import dev.obo.sandbox.junit.DemoTenant;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's credential, the sandbox's API secret: {@code client_secret_post}, no client assertion. */
class SecretCredentialIT extends RunningApi {

    @Test
    void getSubscriptionsWhenTheApiAuthenticatesWithItsSecretThenClientSecretPost() {
        HttpResponse<String> response = get("/subscriptions", sandbox().userToken(DemoTenant.ALICE));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ClientAuthentication seen = sandbox().clientAuthentications().get(0);
        System.out.println("client_authentication type=secret method=" + seen.method() + " header=" + seen.header() + " claims=" + seen.claims());
        assertThat(seen.clientId()).isEqualTo(DemoTenant.API);
        assertThat(seen.method()).isEqualTo("client_secret_post");
        assertThat(seen.header()).isEmpty();
    }
}
