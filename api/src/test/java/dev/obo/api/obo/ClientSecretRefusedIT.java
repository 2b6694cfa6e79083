package dev.obo.api.obo;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.DemoTenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's own secret refused (AADSTS7000215, {@code invalid_client}): the caller's request was fine,
 * so it gets 503 {@code credential-unavailable} with {@code Retry-After}, and the log names the
 * credential and the code, never the secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientSecretRefusedIT extends RunningApi {

    private static final String WRONG = "a-wrong-secret-value";

    @DynamicPropertySource
    static void wrongSecret(DynamicPropertyRegistry registry) {
        registry.add("CLIENT_SECRET", () -> WRONG);
    }

    @Test
    void getSubscriptionsWhenTheApisSecretIsRefusedThen503CredentialUnavailableNamingIt(CapturedOutput output) {
        HttpResponse<String> response = get("/subscriptions", sandbox().userToken(DemoTenant.ALICE));

        SecretlessApi.assertCredentialUnavailable(response, "this API's secret credential (onbehalf.credential.secret) was refused: AADSTS7000215");
        assertThat(output.getAll()).contains("event=credential_failed type=secret source=\"onbehalf.credential.secret\" code=AADSTS7000215")
                .doesNotContain(WRONG);
        assertThat(response.body()).doesNotContain(WRONG);
    }
}
