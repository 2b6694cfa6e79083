package dev.obo.onbehalf.credential;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.client.endpoint.JwtBearerGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The certificate credential's client assertion (Microsoft's "certificate credentials": PS256,
 * {@code x5t#S256}; the SHA-1 {@code x5t} too; {@code x5c} only when asked), from PKCS#12 and from
 * PEM, read again when the file changes and kept when the new file cannot be read; a file that
 * cannot work stops start-up naming the setting.
 */
@ExtendWith(OutputCaptureExtension.class)
class CertificateCredentialTest {

    private static final String TOKEN_ENDPOINT = "https://login.example/t/oauth2/v2.0/token";

    @Test
    void parametersWhenPkcs12ThenPs256AssertionWithBothThumbprintsAndNoChain(@TempDir Path dir) throws Exception {
        Path p12 = TestCertificates.pkcs12(dir, "one");

        SignedJWT assertion = assertion(new CertificateCredential(p12, null, TestCertificates.PASSWORD, false));

        JWSHeader header = assertion.getHeader();
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
        assertThat(header.getType().getType()).isEqualTo("JWT");
        assertThat(header.getX509CertSHA256Thumbprint()).hasToString(TestCertificates.x5tS256(p12));
        assertThat(header.toJSONObject()).containsEntry("x5t", TestCertificates.x5t(p12));
        assertThat(header.getX509CertChain()).as("x5c only with send-x5c").isNull();
        assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) TestCertificates.certificate(p12).getPublicKey()))).isTrue();
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("api-client");
        assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo("api-client");
        assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(TOKEN_ENDPOINT);
    }

    @Test
    void parametersWhenSendX5cThenTheChainIsInTheHeader(@TempDir Path dir) throws Exception {
        Path p12 = TestCertificates.pkcs12(dir, "one");

        SignedJWT assertion = assertion(new CertificateCredential(p12, null, TestCertificates.PASSWORD, true));

        assertThat(assertion.getHeader().getX509CertChain()).hasSize(1);
        assertThat(assertion.getHeader().getX509CertChain().get(0).decode()).isEqualTo(TestCertificates.certificate(p12).getEncoded());
    }

    @Test
    void parametersWhenPemWithKeyInTheSameFileOrItsOwnThenSignsWithIt(@TempDir Path dir) throws Exception {
        Path p12 = TestCertificates.pkcs12(dir, "one");
        Path both = Files.writeString(dir.resolve("both.pem"), TestCertificates.pem(p12, true, true));
        Path certificate = Files.writeString(dir.resolve("cert.pem"), TestCertificates.pem(p12, true, false));
        Path key = Files.writeString(dir.resolve("key.pem"), TestCertificates.pem(p12, false, true));

        assertThat(assertion(new CertificateCredential(both, null, null, false)).getHeader().getX509CertSHA256Thumbprint())
                .hasToString(TestCertificates.x5tS256(p12));
        assertThat(assertion(new CertificateCredential(certificate, key, null, false)).getHeader().getX509CertSHA256Thumbprint())
                .hasToString(TestCertificates.x5tS256(p12));
    }

    @Test
    void parametersWhenTheFileIsReplacedThenTheNewCertificateSignsTheNextAssertion(@TempDir Path dir, CapturedOutput output) throws Exception {
        Path one = TestCertificates.pkcs12(dir, "one");
        Path two = TestCertificates.pkcs12(dir, "two");
        Path inUse = Files.copy(one, dir.resolve("in-use.p12"));
        CertificateCredential credential = new CertificateCredential(inUse, null, TestCertificates.PASSWORD, false);
        assertThat(assertion(credential).getHeader().getX509CertSHA256Thumbprint()).hasToString(TestCertificates.x5tS256(one));

        Files.copy(two, dir.resolve("next.p12"));
        Files.move(dir.resolve("next.p12"), inUse, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(assertion(credential).getHeader().getX509CertSHA256Thumbprint()).hasToString(TestCertificates.x5tS256(two));
        assertThat(output).contains("event=credential_reloaded type=certificate");
    }

    @Test
    void parametersWhenTheNewFileIsHalfWrittenThenTheOldKeyIsKeptAndLoggedOnce(@TempDir Path dir, CapturedOutput output) throws Exception {
        Path one = TestCertificates.pkcs12(dir, "one");
        Path inUse = Files.copy(one, dir.resolve("in-use.p12"));
        CertificateCredential credential = new CertificateCredential(inUse, null, TestCertificates.PASSWORD, false);
        byte[] whole = Files.readAllBytes(TestCertificates.pkcs12(dir, "two"));

        Files.write(inUse, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThat(assertion(credential).getHeader().getX509CertSHA256Thumbprint()).hasToString(TestCertificates.x5tS256(one));
        assertThat(assertion(credential).getHeader().getX509CertSHA256Thumbprint()).hasToString(TestCertificates.x5tS256(one));
        assertThat(output.toString().split("event=credential_reload_failed", -1)).as("one WARN for this state of the file").hasSize(2);
        assertThat(output).contains("source=\"" + inUse + "\"");
    }

    @Test
    void startWhenTheFileIsMissingThenFailsNamingTheSetting(@TempDir Path dir) {
        assertThatThrownBy(() -> new CertificateCredential(dir.resolve("absent.p12"), null, null, false))
                .hasMessage("onbehalf.credential.certificate-path: cannot read a certificate and its private key from "
                        + dir.resolve("absent.p12") + ": no such file");
    }

    @Test
    void startWhenPkcs12HoldsACertificateWithoutItsKeyThenFailsNamingTheSetting(@TempDir Path dir) throws Exception {
        Path p12 = TestCertificates.pkcs12(dir, "one");
        KeyStore onlyCertificate = KeyStore.getInstance("PKCS12");
        onlyCertificate.load(null, null);
        onlyCertificate.setCertificateEntry("one", TestCertificates.certificate(p12));
        Path file = dir.resolve("certificate-only.p12");
        try (var out = Files.newOutputStream(file)) {
            onlyCertificate.store(out, TestCertificates.PASSWORD.toCharArray());
        }

        assertThatThrownBy(() -> new CertificateCredential(file, null, TestCertificates.PASSWORD, false))
                .hasMessageStartingWith("onbehalf.credential.certificate-path: ")
                .hasMessageContaining("without its private key");
    }

    @Test
    void startWhenPemHasNoKeyThenFailsNamingTheSettingThatCanGiveIt(@TempDir Path dir) throws Exception {
        Path certificate = Files.writeString(dir.resolve("cert.pem"), TestCertificates.pem(TestCertificates.pkcs12(dir, "one"), true, false));

        assertThatThrownBy(() -> new CertificateCredential(certificate, null, null, false))
                .hasMessageStartingWith("onbehalf.credential.certificate-path: ")
                .hasMessageContaining("no PRIVATE KEY block").hasMessageContaining("onbehalf.credential.private-key-path");
    }

    @Test
    void startWhenThePrivateKeyFileIsMissingThenFailsNamingThatSetting(@TempDir Path dir) throws Exception {
        Path certificate = Files.writeString(dir.resolve("cert.pem"), TestCertificates.pem(TestCertificates.pkcs12(dir, "one"), true, false));

        assertThatThrownBy(() -> new CertificateCredential(certificate, dir.resolve("key.pem"), null, false))
                .hasMessageStartingWith("onbehalf.credential.private-key-path: ").hasMessageEndingWith(": no such file");
    }

    @Test
    void startWhenThePemKeyIsAnotherCertificatesThenFails(@TempDir Path dir) throws Exception {
        Path certificate = Files.writeString(dir.resolve("cert.pem"), TestCertificates.pem(TestCertificates.pkcs12(dir, "one"), true, false));
        Path otherKey = Files.writeString(dir.resolve("key.pem"), TestCertificates.pem(TestCertificates.pkcs12(dir, "two"), false, true));

        assertThatThrownBy(() -> new CertificateCredential(certificate, otherKey, null, false))
                .hasMessageContaining("the private key is not the certificate's");
    }

    static SignedJWT assertion(ClientCredential credential) throws Exception {
        MultiValueMap<String, String> parameters = credential.parameters(request(credential.method()));
        assertThat(parameters.keySet()).as("client_id comes from Spring Security's defaults, once")
                .containsExactlyInAnyOrder("client_assertion_type", "client_assertion");
        assertThat(parameters.getFirst("client_assertion_type")).isEqualTo("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        return SignedJWT.parse(parameters.getFirst("client_assertion"));
    }

    static JwtBearerGrantRequest request(ClientAuthenticationMethod method) {
        ClientRegistration registration = ClientRegistration.withRegistrationId("obo:arm:t").clientId("api-client")
                .clientAuthenticationMethod(method).authorizationGrantType(AuthorizationGrantType.JWT_BEARER)
                .scope("https://management.azure.com/user_impersonation").tokenUri(TOKEN_ENDPOINT).build();
        Jwt user = Jwt.withTokenValue("user-token").header("alg", "RS256").claim("sub", "u").build();
        return new JwtBearerGrantRequest(registration, user);
    }

}
