package dev.obo.api.obo;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.nimbusds.jwt.JWTParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.ClientAuthentication;
import dev.obo.sandbox.junit.DemoTenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API proving itself with a federated token file, as AKS workload identity sets it up: only
 * {@code AZURE_FEDERATED_TOKEN_FILE} is set (the demo's default secret is still there and does not
 * win), and the file holds a service account token of the sandbox's cluster {@code demo} for
 * {@code obo/api}, which the default seed's API trusts. A rewritten file is used; an expired token is
 * refused with AADSTS700024, the caller's 503.
 */
@ExtendWith(OutputCaptureExtension.class)
class FederatedCredentialIT extends RunningApi {

    private static final Path TOKEN_FILE = CredentialFiles.write("azure-identity-token", "not yet a token");

    @DynamicPropertySource
    static void workloadIdentity(DynamicPropertyRegistry registry) {
        registry.add("AZURE_FEDERATED_TOKEN_FILE", TOKEN_FILE::toString);
    }

    @Test
    void getSubscriptionsWhenOnlyAzureFederatedTokenFileIsSetThenTheFederatedTokenIsTheClientAssertion() throws Exception {
        String projected = projected(Duration.ofHours(1));

        HttpResponse<String> response = get("/subscriptions", sandbox().userToken(DemoTenant.ALICE));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ClientAuthentication seen = sandbox().clientAuthentications().get(0);
        System.out.println("client_authentication type=federated method=" + seen.method() + " header=" + seen.header() + " claims=" + seen.claims());
        assertThat(seen.clientId()).isEqualTo(DemoTenant.API);
        assertThat(seen.method()).isEqualTo("federated");
        assertThat(seen.claims()).containsEntry("iss", sandbox().kubernetesIssuer(DemoTenant.KUBERNETES_CLUSTER))
                .containsEntry("sub", "system:serviceaccount:obo:api");
        assertThat(((Number) seen.claims().get("exp")).longValue()).isEqualTo(JWTParser.parse(projected).getJWTClaimsSet().getExpirationTime().getTime() / 1000);
    }

    @Test
    void getSubscriptionsWhenTheTokenFileIsRewrittenThenTheNewTokenIsSent() throws Exception {
        projected(Duration.ofHours(1));
        assertThat(get("/subscriptions", sandbox().userToken(DemoTenant.ALICE)).statusCode()).isEqualTo(200);
        String rewritten = projected(Duration.ofHours(2));

        HttpResponse<String> response = get("/subscriptions", sandbox().userToken(DemoTenant.ALICE));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(((Number) sandbox().clientAuthentications().get(0).claims().get("exp")).longValue())
                .isEqualTo(JWTParser.parse(rewritten).getJWTClaimsSet().getExpirationTime().getTime() / 1000);
    }

    @Test
    void getSubscriptionsWhenTheFederatedTokenHasExpiredThen503NamingItAndAadsts700024(CapturedOutput output) throws Exception {
        String expired = projected(Duration.ofMinutes(-5));

        HttpResponse<String> response = get("/subscriptions", sandbox().userToken(DemoTenant.ALICE));

        SecretlessApi.assertCredentialUnavailable(response, "this API's federated credential (token file " + TOKEN_FILE + ") was refused: AADSTS700024");
        assertThat(output.getAll()).contains("event=credential_failed type=federated source=\"token file " + TOKEN_FILE + "\" code=AADSTS700024")
                .doesNotContain(expired.split("\\.")[2]).doesNotContain(expired.split("\\.")[1]);
    }

    /** The kubelet's rotation: a new service account token written to the file. */
    private static String projected(Duration lifetime) throws IOException {
        String token = sandbox().serviceAccountToken(DemoTenant.KUBERNETES_CLUSTER, DemoTenant.API_NAMESPACE, DemoTenant.API_SERVICE_ACCOUNT, lifetime);
        Path next = TOKEN_FILE.resolveSibling("next-token");
        Files.writeString(next, token);
        Files.move(next, TOKEN_FILE, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return token;
    }
}
