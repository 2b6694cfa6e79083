package dev.obo.api.obo;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.sandbox.junit.ClientAuthentication;
import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.SandboxSeedBuilder;
import dev.obo.sandbox.junit.SeedCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API proving itself with a certificate in PEM, its key in a file of its own, and the chain sent
 * as {@code x5c} (subject name and issuer authentication): On-Behalf-Of to ARM succeeds.
 */
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS, seed = PemCertificateCredentialIT.Seed.class)
class PemCertificateCredentialIT extends SecretlessApi {

    /** The secretless API with this run's certificate. */
    public static class Seed implements SeedCustomizer {
        @Override
        public void customize(SandboxSeedBuilder seed) {
            register(seed, app -> app.certificate(CredentialFiles.registeredPem(CredentialFiles.first())));
        }
    }

    @DynamicPropertySource
    static void pemCertificate(DynamicPropertyRegistry registry) {
        asSecretlessApi(registry);
        Path certificate = CredentialFiles.write("api.crt", CredentialFiles.pem(CredentialFiles.first(), true, false));
        Path key = CredentialFiles.write("api.key", CredentialFiles.pem(CredentialFiles.first(), false, true));
        registry.add("CLIENT_CERTIFICATE_PATH", certificate::toString);
        registry.add("CLIENT_PRIVATE_KEY_PATH", key::toString);
        registry.add("CLIENT_CERTIFICATE_SEND_X5C", () -> "true");
    }

    @Test
    void getSubscriptionsWhenTheApiAuthenticatesWithAPemCertificateAndX5cThen200() {
        subscriptionsSucceed();

        ClientAuthentication seen = sandbox().clientAuthentications().get(0);
        System.out.println("client_authentication type=certificate(PEM, send-x5c) method=" + seen.method() + " header=" + seen.header()
                + " claims=" + seen.claims());
        assertThat(seen.method()).isEqualTo("private_key_jwt");
        assertThat(seen.header()).containsEntry("x5t#S256", CredentialFiles.x5tS256(CredentialFiles.first())).containsKey("x5t")
                .containsEntry("x5c", List.of(CredentialFiles.registeredPem(CredentialFiles.first())
                        .replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "")));
        assertThat(seen.claims()).containsEntry("iss", API).containsEntry("sub", API);
    }
}
