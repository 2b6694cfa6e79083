package dev.obo.onbehalf.credential;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.endpoint.NimbusJwtClientAuthenticationParametersConverter;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.MultiValueMap;

/**
 * A certificate, proved by a client assertion signed with its key ({@code private_key_jwt}, RFC 7523
 * section 2.2; Microsoft's "certificate credentials"), made by Spring Security's
 * {@link NimbusJwtClientAuthenticationParametersConverter}. The files are stat'ed before each
 * assertion and read again when they change, so a rotated certificate is used without a restart.
 * A file that cannot be read at that moment (being written, or briefly gone) keeps the key in use
 * and is logged once. A reload swaps one immutable {@link Signer}: a request never sees half a key.
 */
final class CertificateCredential implements ClientCredential {

    private static final Logger log = LoggerFactory.getLogger(CertificateCredential.class);

    private final Path certificatePath;
    private final Path privateKeyPath;
    private final String password;
    private final boolean sendX5c;
    private volatile Signer signer;
    private volatile Stamps failed;

    /** Reads the files now: a certificate that cannot work stops start-up with one line naming the setting. */
    CertificateCredential(Path certificatePath, Path privateKeyPath, String password, boolean sendX5c) {
        this.certificatePath = certificatePath;
        this.privateKeyPath = privateKeyPath;
        this.password = password;
        this.sendX5c = sendX5c;
        Stamps stamps = stamps();
        try {
            this.signer = read(stamps);
        } catch (IOException | RuntimeException e) {
            boolean keyFile = privateKeyPath != null && stamps.certificate() != null && stamps.key() == null;
            Path path = keyFile ? privateKeyPath : certificatePath;
            String reason = (keyFile ? stamps.key() : stamps.certificate()) == null ? "no such file" : e.getMessage();
            throw new IllegalStateException("onbehalf.credential." + (keyFile ? "private-key-path" : "certificate-path")
                    + ": cannot read a certificate and its private key from " + path + ": " + reason, e);
        }
    }

    @Override
    public ClientAuthenticationMethod method() {
        return ClientAuthenticationMethod.PRIVATE_KEY_JWT;
    }

    @Override
    public MultiValueMap<String, String> parameters(AbstractOAuth2AuthorizationGrantRequest request) {
        return current().converter().convert(request);
    }

    @Override
    public String type() {
        return "certificate";
    }

    @Override
    public String source() {
        return "certificate file " + certificatePath;
    }

    private Signer current() {
        Signer now = signer;
        Stamps stamps = stamps();
        if (stamps.equals(now.stamps()) || stamps.equals(failed)) {
            return now;
        }
        try {
            Signer next = read(stamps);
            signer = next;
            failed = null;
            log.info("event=credential_reloaded type=certificate source=\"{}\" x5t#S256={}", certificatePath, next.key().x5tS256());
            return next;
        } catch (IOException | RuntimeException e) {
            // Being written, or swapped: keep signing with the key in use, and say so once per state of the files.
            failed = stamps;
            log.warn("event=credential_reload_failed type=certificate source=\"{}\" reason=\"{}\" keeping x5t#S256={}",
                    certificatePath, e.getMessage(), now.key().x5tS256());
            return now;
        }
    }

    private Signer read(Stamps stamps) throws IOException {
        CertificateKey key = CertificateKey.read(certificatePath, privateKeyPath, password, sendX5c);
        NimbusJwtClientAuthenticationParametersConverter<AbstractOAuth2AuthorizationGrantRequest> converter =
                new NimbusJwtClientAuthenticationParametersConverter<>(registration -> key.jwk());
        // x5t#S256 comes from the key; typ, the SHA-1 x5t and (when asked) x5c as Microsoft's pages list them.
        converter.setJwtClientAssertionCustomizer(context -> {
            context.getHeaders().type("JWT").x509SHA1Thumbprint(key.x5t().toString());
            if (!key.x5c().isEmpty()) {
                context.getHeaders().x509CertificateChain(key.x5c());
            }
        });
        return new Signer(stamps, key, converter);
    }

    private Stamps stamps() {
        return new Stamps(FileStamp.of(certificatePath), privateKeyPath == null ? null : FileStamp.of(privateKeyPath));
    }

    /** The files' stamps when read; a null stamp is a file that could not be stat'ed. */
    private record Stamps(FileStamp certificate, FileStamp key) {
    }

    /** One key and the converter that signs with it, swapped whole on reload. */
    private record Signer(Stamps stamps, CertificateKey key,
                          NimbusJwtClientAuthenticationParametersConverter<AbstractOAuth2AuthorizationGrantRequest> converter) {
    }
}
