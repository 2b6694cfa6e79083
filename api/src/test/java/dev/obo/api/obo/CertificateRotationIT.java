package dev.obo.api.obo;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.SandboxSeedBuilder;
import dev.obo.sandbox.junit.SeedCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A certificate file replaced while the API runs is used for the next token request, with no restart:
 * the registration knows only the first certificate, so the second one's assertion is refused
 * (AADSTS700027), which the caller gets as 503 {@code credential-unavailable}.
 */
@ExtendWith(OutputCaptureExtension.class)
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS, seed = CertificateRotationIT.Seed.class)
class CertificateRotationIT extends SecretlessApi {

    private static final Path IN_USE = CredentialFiles.write("api.p12", "");

    /** The secretless API with the first certificate only. */
    public static class Seed implements SeedCustomizer {
        @Override
        public void customize(SandboxSeedBuilder seed) {
            register(seed, app -> app.certificate(CredentialFiles.registeredPem(CredentialFiles.first())));
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

        Path next = IN_USE.resolveSibling("next.p12");
        Files.copy(CredentialFiles.second(), next);
        Files.move(next, IN_USE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        HttpResponse<String> response = get("/subscriptions", userToken(DemoTenant.ALICE));

        assertCredentialUnavailable(response, "this API's certificate credential (certificate file " + IN_USE + ") was refused: AADSTS700027");
        assertThat(output.getAll()).contains("event=credential_reloaded type=certificate source=\"" + IN_USE + "\" x5t#S256="
                + CredentialFiles.x5tS256(CredentialFiles.second()));
    }
}
