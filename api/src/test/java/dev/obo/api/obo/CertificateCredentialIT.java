package dev.obo.api.obo;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.ClientAuthentication;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.SandboxSeedBuilder;
import dev.obo.sandbox.junit.SeedCustomizer;
import dev.obo.sandbox.junit.TestKeyMaterial;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API proving itself with a certificate instead of a secret ({@code private_key_jwt}):
 * configured as a certificate-only API added to the seed, with the PKCS#12 file the tests make,
 * it gets its ARM token On-Behalf-Of the user and the sandbox records a certificate credential.
 */
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS, seed = CertificateCredentialIT.CertificateApi.class)
class CertificateCredentialIT extends RunningApi {

    /** An API with a certificate and no secret, and a public client that signs users in to it. */
    private static final String CERT_API = "4a5b6c7d-0000-4000-8000-0000000000e1";
    private static final String CLI = "4a5b6c7d-0000-4000-8000-0000000000e0";

    /** The certificate-only API and its public client, added to the default seed. */
    public static class CertificateApi implements SeedCustomizer {
        @Override
        public void customize(SandboxSeedBuilder seed) {
            seed.app("Certificate API", CERT_API, app -> app
                            .certificate(TestKeyMaterial.get().clientCertificatePem().replace("\n", ""))
                            .identifierUri("api://" + CERT_API).scope("access_as_user")
                            .requires(DemoTenant.ARM, "user_impersonation"))
                    .app("CLI", CLI, app -> app.publicClient().redirectUri("http://localhost:7777/callback")
                            .requires(CERT_API, "access_as_user"))
                    .consent("*", CLI, CERT_API, "access_as_user")
                    .consent("*", CERT_API, DemoTenant.ARM, "user_impersonation");
        }
    }

    @DynamicPropertySource
    static void certificateCredential(DynamicPropertyRegistry registry) {
        registry.add("onbehalf.client-id", () -> CERT_API);
        registry.add("onbehalf.credential.certificate-path", () -> TestKeyMaterial.get().clientKeystore.toString());
        registry.add("onbehalf.credential.certificate-password", () -> TestKeyMaterial.PASSWORD);
    }

    @Test
    void getSubscriptionsWhenTheApiAuthenticatesWithACertificateThen200() throws Exception {
        String token = sandbox().token(Map.of("grant_type", "password", "client_id", CLI, "username", "alice@onbehalf.test",
                "password", "sandbox", "scope", "api://" + CERT_API + "/access_as_user")).get("access_token").toString();

        HttpResponse<String> response = get("/subscriptions", token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("5a1c0001-0000-4000-8000-00000000a001");
        ClientAuthentication seen = sandbox().clientAuthentications().get(0);
        System.out.println("client_authentication type=certificate(PKCS#12) method=" + seen.method() + " header=" + seen.header()
                + " claims=" + seen.claims());
        assertThat(seen.method()).isEqualTo("private_key_jwt");
        assertThat(seen.header()).containsEntry("alg", "PS256").containsEntry("typ", "JWT").containsKeys("x5t#S256", "x5t").doesNotContainKey("x5c");
    }
}
