package dev.obo.onbehalf.credential;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;

import org.springframework.boot.ssl.pem.PemContent;

/**
 * A certificate and its RSA private key, read from a PKCS#12 file or from PEM (the certificate
 * chain, and a {@code PRIVATE KEY} block in the same file or in its own), as the signing key of a
 * {@code private_key_jwt} client assertion. Microsoft's "certificate credentials" ask for
 * {@code alg} PS256 and the {@code x5t#S256} header (base64url SHA-256 of the certificate's DER);
 * the key carries both, and the SHA-1 {@code x5t} the older page and ADFS name. The chain is on the
 * key, so that Spring Security's encoder sends it as {@code x5c}, only when asked (subject name and
 * issuer authentication).
 *
 * @param jwk the signing key with its certificate's thumbprints (and chain when {@code x5c} is sent)
 * @param x5t the base64url SHA-1 thumbprint of the leaf certificate
 * @param x5tS256 the base64url SHA-256 thumbprint of the leaf certificate
 * @param x5c the chain, base64 DER, leaf first, to send; empty when {@code x5c} is not sent
 */
record CertificateKey(RSAKey jwk, Base64URL x5t, Base64URL x5tS256, List<String> x5c) {

    /**
     * Reads the key and certificate.
     *
     * @throws IllegalArgumentException naming what is wrong (no private key, no certificate, not RSA, a key of another certificate)
     */
    static CertificateKey read(Path certificatePath, Path privateKeyPath, String password, boolean sendX5c) throws IOException {
        byte[] content = Files.readAllBytes(certificatePath);
        String text = new String(content, StandardCharsets.US_ASCII);
        List<X509Certificate> chain;
        PrivateKey key;
        if (text.contains("-----BEGIN")) {
            PemContent pem = PemContent.of(text);
            chain = pem.getCertificates();
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("no CERTIFICATE block in the PEM file");
            }
            String keyText = privateKeyPath == null ? text : Files.readString(privateKeyPath, StandardCharsets.US_ASCII);
            if (!keyText.contains("PRIVATE KEY-----")) {
                throw new IllegalArgumentException("no PRIVATE KEY block in " + (privateKeyPath == null
                        ? "the PEM file (put it there, or set onbehalf.credential.private-key-path)" : privateKeyPath));
            }
            key = PemContent.of(keyText).getPrivateKey(password == null || password.isEmpty() ? null : password);
        } else {
            KeyStore.PrivateKeyEntry entry = pkcs12(content, password);
            chain = new ArrayList<>();
            for (Certificate certificate : entry.getCertificateChain()) {
                chain.add((X509Certificate) certificate);
            }
            key = entry.getPrivateKey();
        }
        return of(chain, key, sendX5c);
    }

    private static KeyStore.PrivateKeyEntry pkcs12(byte[] content, String password) throws IOException {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(content), secret);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)
                        && store.getEntry(alias, new KeyStore.PasswordProtection(secret)) instanceof KeyStore.PrivateKeyEntry entry) {
                    return entry;
                }
            }
            throw new IllegalArgumentException("the PKCS#12 file holds a certificate without its private key");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#12 file it can open with the password: " + e.getMessage(), e);
        }
    }

    static CertificateKey of(List<X509Certificate> chain, PrivateKey key, boolean sendX5c) {
        X509Certificate leaf = chain.get(0);
        if (!(leaf.getPublicKey() instanceof RSAPublicKey publicKey)) {
            throw new IllegalArgumentException("the certificate's key is " + leaf.getPublicKey().getAlgorithm() + ", Entra ID needs RSA");
        }
        if (key instanceof RSAPrivateCrtKey crt && !crt.getModulus().equals(publicKey.getModulus())) {
            throw new IllegalArgumentException("the private key is not the certificate's");
        }
        try {
            Base64URL x5t = thumbprint(leaf, "SHA-1");
            Base64URL x5tS256 = thumbprint(leaf, "SHA-256");
            RSAKey.Builder jwk = new RSAKey.Builder(publicKey).privateKey(key).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.PS256)
                    .x509CertSHA256Thumbprint(x5tS256).keyIDFromThumbprint();
            List<String> x5c = new ArrayList<>();
            if (sendX5c) {
                for (X509Certificate certificate : chain) {
                    x5c.add(Base64.encode(certificate.getEncoded()).toString());
                }
            }
            return new CertificateKey(jwk.build(), x5t, x5tS256, List.copyOf(x5c));
        } catch (JOSEException | CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot use the certificate: " + e.getMessage(), e);
        }
    }

    private static Base64URL thumbprint(X509Certificate certificate, String algorithm) throws CertificateEncodingException {
        try {
            return Base64URL.encode(MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
