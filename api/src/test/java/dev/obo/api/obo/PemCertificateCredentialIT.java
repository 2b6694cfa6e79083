package dev.obo.api.obo;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.SandboxSeedBuilder;
import dev.obo.sandbox.junit.SeedCustomizer;

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
    }
}
