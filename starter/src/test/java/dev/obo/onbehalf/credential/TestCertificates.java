package dev.obo.onbehalf.credential;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Certificates the tests make with the JDK's keytool, as PKCS#12 files or written out as PEM. */
final class TestCertificates {

    static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    /** Key pairs made once per name for the whole run: keytool takes a second or more for each. */
    private static final Map<String, byte[]> MADE = new ConcurrentHashMap<>();

    /**
     * An RSA key and self-signed certificate in a PKCS#12 file {@code name}.p12 under {@code directory}:
     * the same one for the same name within a run, another for another name.
     */
    static Path pkcs12(Path directory, String name) throws IOException {
        Path keystore = directory.resolve(name + ".p12");
        byte[] made = MADE.get(name);
        if (made == null) {
            made = MADE.computeIfAbsent(name, TestCertificates::keytool);
        }
        Files.write(keystore, made);
        return keystore;
    }

    private static byte[] keytool(String name) {
        try {
            Path keystore = Files.createTempDirectory("test-certificates").resolve(name + ".p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                    "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=" + name, "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (keytool.waitFor() != 0) {
                throw new IOException("keytool failed: " + output);
            }
            return Files.readAllBytes(keystore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The PKCS#12 file's certificate (and, with {@code withKey}, its PKCS#8 key) as PEM text. */
    static String pem(Path pkcs12, boolean withCertificate, boolean withKey) throws Exception {
        KeyStore.PrivateKeyEntry entry = entry(pkcs12);
        StringBuilder pem = new StringBuilder();
        if (withCertificate) {
            pem.append(block("CERTIFICATE", entry.getCertificate().getEncoded()));
        }
        if (withKey) {
            pem.append(block("PRIVATE KEY", entry.getPrivateKey().getEncoded()));
        }
        return pem.toString();
    }

    /** The base64url SHA-256 thumbprint of the PKCS#12 file's certificate, as {@code x5t#S256} carries it. */
    static String x5tS256(Path pkcs12) throws Exception {
        return thumbprint(pkcs12, "SHA-256");
    }

    static String x5t(Path pkcs12) throws Exception {
        return thumbprint(pkcs12, "SHA-1");
    }

    static X509Certificate certificate(Path pkcs12) throws Exception {
        return (X509Certificate) entry(pkcs12).getCertificate();
    }

    private static String thumbprint(Path pkcs12, String algorithm) throws Exception {
        byte[] digest = MessageDigest.getInstance(algorithm).digest(entry(pkcs12).getCertificate().getEncoded());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static KeyStore.PrivateKeyEntry entry(Path pkcs12) throws Exception {
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            String alias = List.copyOf(Collections.list(store.aliases())).get(0);
            return (KeyStore.PrivateKeyEntry) store.getEntry(alias, new KeyStore.PasswordProtection(PASSWORD.toCharArray()));
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
