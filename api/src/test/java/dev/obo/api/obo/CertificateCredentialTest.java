package dev.obo.api.obo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.api.EmbeddedSandbox;
import dev.obo.sandbox.TestKeyMaterial;
import dev.obo.sandbox.TestSeed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API proving itself with a certificate instead of a secret ({@code private_key_jwt}):
 * configured as the test seed's certificate-only API, with the PKCS#12 file the tests make,
 * it gets its ARM token On-Behalf-Of the user and the sandbox records a certificate credential.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=api-server")
class CertificateCredentialTest {

    private static final EmbeddedSandbox OWN = EmbeddedSandbox.start("--sandbox.seed=" + TestSeed.locations());

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void certificateCredential(DynamicPropertyRegistry registry) {
        OWN.registerApiSettings(registry);
        registry.add("onbehalf.client-id", () -> TestSeed.CERT_API);
        registry.add("onbehalf.credential.certificate-path", () -> TestKeyMaterial.get().clientKeystore.toString());
        registry.add("onbehalf.credential.certificate-password", () -> TestKeyMaterial.PASSWORD);
    }

    @AfterAll
    static void stop() {
        OWN.close();
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
