package dev.obo.sandbox.tenant;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

import dev.obo.sandbox.tenant.SandboxSeed.App;

/** The public keys of the certificates registered on an app (its certificate credentials). */
public final class AppCertificates {

    private static final Pattern ARMOUR = Pattern.compile("-----(BEGIN|END) CERTIFICATE-----");
    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    private AppCertificates() {
    }

    public static List<RSAKey> keysOf(App app) {
        return app.certificates().stream().map(pem -> rsaKey(app, pem)).toList();
    }

    private static RSAKey rsaKey(App app, String pem) {
        try {
            String body = WHITESPACE.matcher(ARMOUR.matcher(pem).replaceAll("")).replaceAll("");
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(body)));
            return (RSAKey) JWK.parse(certificate);
        } catch (CertificateException | JOSEException | IllegalArgumentException | ClassCastException e) {
            throw new InvalidSeedException("sandbox seed: app " + app.clientId()
                    + " has a certificate that is not a PEM X.509 RSA certificate", e);
        }
    }
}
