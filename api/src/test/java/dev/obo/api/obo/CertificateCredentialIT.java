package dev.obo.api.obo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.Sandbox;
import dev.obo.sandbox.junit.SandboxSeedBuilder;
import dev.obo.sandbox.junit.SeedCustomizer;
import dev.obo.sandbox.TestKeyMaterial;
import dev.obo.sandbox.TestSeed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API proving itself with a certificate instead of a secret ({@code private_key_jwt}):
 * configured as the test seed's certificate-only API, with the PKCS#12 file the tests make,
 * it gets its ARM token On-Behalf-Of the user and the sandbox records a certificate credential.
 */
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS, seed = CertificateCredentialIT.CertificateApi.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=api-server")
class CertificateCredentialIT {

    private static Sandbox OWN;

    /** The test seed's certificate-only API and its public client. */
    public static class CertificateApi implements SeedCustomizer {
        @Override
        public void customize(SandboxSeedBuilder seed) {
            seed.app("Certificate API", TestSeed.CERT_API, app -> app
                            .certificate(TestKeyMaterial.get().clientCertificatePem().replace("\n", ""))
                            .identifierUri("api://" + TestSeed.CERT_API).scope("access_as_user")
                            .requires(DemoTenant.ARM, "user_impersonation"))
                    .app("CLI", TestSeed.CLI, app -> app.publicClient().redirectUri(TestSeed.CLI_REDIRECT)
                            .requires(TestSeed.CERT_API, "access_as_user"))
                    .consent("*", TestSeed.CLI, TestSeed.CERT_API, "access_as_user")
                    .consent("*", TestSeed.CERT_API, DemoTenant.ARM, "user_impersonation");
        }
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void certificateCredential(DynamicPropertyRegistry registry) {
        registry.add("onbehalf.client-id", () -> TestSeed.CERT_API);
        registry.add("onbehalf.credential.certificate-path", () -> TestKeyMaterial.get().clientKeystore.toString());
        registry.add("onbehalf.credential.certificate-password", () -> TestKeyMaterial.PASSWORD);
    }

    @BeforeAll
    static void sandbox(Sandbox own) {
        OWN = own;
    }

    @Test
    void getSubscriptionsWhenTheApiAuthenticatesWithACertificateThen200() throws Exception {
        String token = OWN.token(Map.of("grant_type", "password", "client_id", TestSeed.CLI, "username", "alice@onbehalf.test",
                "password", "sandbox", "scope", "api://" + TestSeed.CERT_API + "/access_as_user")).get("access_token").toString();

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/subscriptions"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("5a1c0001-0000-4000-8000-00000000a001");
    }
}
