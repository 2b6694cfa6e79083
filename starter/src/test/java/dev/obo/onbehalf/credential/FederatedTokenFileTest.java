package dev.obo.onbehalf.credential;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.MultiValueMap;

import dev.obo.sandbox.junit.SettableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The federated token file as the {@code client_assertion}: its content, read again when the file
 * changes and whenever the token held has expired (even if the file looks unchanged); a file gone
 * at run time is this API's credential failing, at start-up a setting that cannot work.
 */
class FederatedTokenFileTest {

    private final SettableClock clock = new SettableClock();

    @Test
    void parametersWhenFileThenItsContentIsTheClientAssertion(@TempDir Path dir) throws Exception {
        String token = token("one", Duration.ofHours(1));
        Path file = Files.writeString(dir.resolve("token"), token + "\n");

        MultiValueMap<String, String> parameters = new FederatedTokenFile(file, clock).parameters(
                CertificateCredentialTest.request(ClientAssertions.METHOD));

        assertThat(parameters.toSingleValueMap()).containsOnlyKeys("client_assertion_type", "client_assertion")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .containsEntry("client_assertion", token);
    }

    @Test
    void parametersWhenTheFileIsRewrittenThenTheNewTokenIsSent(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), token("one", Duration.ofHours(1)));
        FederatedTokenFile credential = new FederatedTokenFile(file, clock);
        String rotated = token("two", Duration.ofHours(1));

        Files.writeString(file, rotated);

        assertThat(assertion(credential)).isEqualTo(rotated);
    }

    @Test
    void parametersWhenTheHeldTokenHasExpiredThenTheFileIsReadAgainThoughItLooksUnchanged(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), token("one", Duration.ofMinutes(10)));
        FileTime written = Files.getLastModifiedTime(file);
        FederatedTokenFile credential = new FederatedTokenFile(file, clock);
        String rotated = token("two", Duration.ofMinutes(10));
        assertThat(rotated).hasSameSizeAs(assertion(credential));

        Files.writeString(file, rotated);
        Files.setLastModifiedTime(file, written);
        assertThat(assertion(credential)).as("unchanged to a stat, and the held token still good").isNotEqualTo(rotated);
        clock.advance(Duration.ofMinutes(11));

        assertThat(assertion(credential)).isEqualTo(rotated);
    }

    @Test
    void parametersWhenTheFileIsGoneThenCredentialUnavailableNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), token("one", Duration.ofHours(1)));
        FederatedTokenFile credential = new FederatedTokenFile(file, clock);
        Files.delete(file);

        assertThatThrownBy(() -> assertion(credential)).isInstanceOf(CredentialUnavailableException.class)
                .hasMessage("this API's federated credential (token file " + file + ") could not be used: the file cannot be read");
    }

    @Test
    void startWhenTheFileIsMissingThenFailsNamingTheSetting(@TempDir Path dir) {
        assertThatThrownBy(() -> new FederatedTokenFile(dir.resolve("absent"), clock))
                .hasMessage("onbehalf.credential.token-file: cannot read a federated token from " + dir.resolve("absent") + ": no such file");
    }

    private static String assertion(FederatedTokenFile credential) {
        return credential.parameters(CertificateCredentialTest.request(ClientAssertions.METHOD)).getFirst("client_assertion");
    }

    private String token(String subject, Duration life) {
        Instant now = clock.instant();
        return new PlainJWT(new JWTClaimsSet.Builder().issuer("https://k8s.example").subject(subject).audience("api://AzureADTokenExchange")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(life))).build()).serialize();
    }
}
