package dev.obo.api.obo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Base64;

import dev.obo.sandbox.junit.TestKeyMaterial;

/**
 * Two certificates of this run (the kit's {@link TestKeyMaterial} one, and a second one made with
 * keytool, as a rotation brings), as PKCS#12 files and as PEM text, and their thumbprints.
 */
final class CredentialFiles {

    static final String PASSWORD = TestKeyMaterial.PASSWORD;
    private static Path second;

    private CredentialFiles() {
    }

    static Path first() {
        return TestKeyMaterial.get().clientKeystore;
    }

    static synchronized Path second() {
        if (second == null) {
            try {
                Path keystore = TestKeyMaterial.get().directory.resolve("rotated.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                        "-alias", "rotated", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=OnBehalf rotated API",
                        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                        .redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes());
                if (keytool.waitFor() != 0) {
                    throw new IOException("keytool failed: " + output);
                }
                second = keystore;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return second;
    }

    /** The certificate, one line of base64 between its PEM markers, as the sandbox's seed registers it. */
    static String registeredPem(Path pkcs12) {
        return pem("CERTIFICATE", entry(pkcs12).getCertificate()).replace("\n", "");
    }

    /** The certificate and its PKCS#8 key as PEM blocks ({@code withKey}), or the key alone ({@code keyOnly}). */
    static String pem(Path pkcs12, boolean certificate, boolean key) {
        KeyStore.PrivateKeyEntry entry = entry(pkcs12);
        return (certificate ? pem("CERTIFICATE", entry.getCertificate()) + "\n" : "")
                + (key ? block("PRIVATE KEY", entry.getPrivateKey().getEncoded()) + "\n" : "");
    }

    /** The base64url SHA-256 thumbprint of the certificate: its {@code x5t#S256}. */
    static String x5tS256(Path pkcs12) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(entry(pkcs12).getCertificate().getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(String name, String content) {
        try {
            return Files.writeString(Files.createTempDirectory("credential").resolve(name), content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, java.security.cert.Certificate certificate) {
        try {
            return block(type, certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----";
    }

    private static KeyStore.PrivateKeyEntry entry(Path pkcs12) {
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            String alias = store.aliases().nextElement();
            return (KeyStore.PrivateKeyEntry) store.getEntry(alias, new KeyStore.PasswordProtection(PASSWORD.toCharArray()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
