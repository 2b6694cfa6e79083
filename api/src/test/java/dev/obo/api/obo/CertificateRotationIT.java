package dev.obo.api.obo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.sandbox.junit.ClientAuthentication;
import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.SandboxSeedBuilder;
import dev.obo.sandbox.junit.SeedCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A certificate file replaced while the API runs is used for the next token request, with no restart:
 * the registration knows both certificates (uploaded before the rotation, as one does on Entra), and
 * the sandbox sees the new certificate's thumbprint in the assertion's {@code x5t#S256}.
 */
@ExtendWith(OutputCaptureExtension.class)
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS, seed = CertificateRotationIT.Seed.class)
class CertificateRotationIT extends SecretlessApi {

    private static final Path IN_USE = CredentialFiles.write("api.p12", "");

    /** The secretless API with both certificates. */
    public static class Seed implements SeedCustomizer {
        @Override
        public void customize(SandboxSeedBuilder seed) {
            register(seed, app -> app.certificate(CredentialFiles.registeredPem(CredentialFiles.first()))
                    .certificate(CredentialFiles.registeredPem(CredentialFiles.second())));
        }
    }

    @DynamicPropertySource
    static void certificateFile(DynamicPropertyRegistry registry) throws IOException {
        Files.copy(CredentialFiles.first(), IN_USE, StandardCopyOption.REPLACE_EXISTING);
        asSecretlessApi(registry);
        registry.add("CLIENT_CERTIFICATE_PATH", IN_USE::toString);
        registry.add("CLIENT_CERTIFICATE_PASSWORD", () -> CredentialFiles.PASSWORD);
    }

    @Test
    void getSubscriptionsWhenTheCertificateFileIsReplacedThenTheNextTokenRequestSignsWithTheNewOne(CapturedOutput output) throws IOException {
        subscriptionsSucceed();
        assertThat(sandbox().clientAuthentications().get(0).header()).containsEntry("x5t#S256", CredentialFiles.x5tS256(CredentialFiles.first()));

        Path next = IN_USE.resolveSibling("next.p12");
        Files.copy(CredentialFiles.second(), next);
        Files.move(next, IN_USE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        subscriptionsSucceed();

        ClientAuthentication seen = sandbox().clientAuthentications().get(0);
        System.out.println("client_authentication type=certificate(PKCS#12, rotated) method=" + seen.method() + " header=" + seen.header()
                + " claims=" + seen.claims());
        assertThat(seen.method()).isEqualTo("private_key_jwt");
        assertThat(seen.header()).containsEntry("x5t#S256", CredentialFiles.x5tS256(CredentialFiles.second())).containsEntry("alg", "PS256")
                .doesNotContainKey("x5c");
        assertThat(output.getAll()).contains("event=credential_reloaded type=certificate source=\"" + IN_USE + "\" x5t#S256="
                + CredentialFiles.x5tS256(CredentialFiles.second()));
    }
}
