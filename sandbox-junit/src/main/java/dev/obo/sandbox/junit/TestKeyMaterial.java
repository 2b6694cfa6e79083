package dev.obo.sandbox.junit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key material a test run makes for itself, once per JVM, with the JDK's own
 * {@code keytool}: a client certificate (for {@code private_key_jwt}) that the test seed
 * registers on an app, and a TLS certificate for {@code localhost} (MSAL4J insists on https),
 * also valid for Entra's and ARM's host names, which the tests resolve to this machine.
 */
public final class TestKeyMaterial {

    public static final String PASSWORD = "changeit";
    private static TestKeyMaterial instance;

    public final Path directory;
    public final Path clientKeystore;
    public final Path tlsKeystore;

    private TestKeyMaterial() throws IOException, InterruptedException {
        directory = Files.createTempDirectory("sandbox-test-keys");
        clientKeystore = directory.resolve("client.p12");
        tlsKeystore = directory.resolve("tls.p12");
        keytool("-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=OnBehalf test API", "-storetype", "PKCS12", "-keystore", clientKeystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-genkeypair", "-alias", "tls", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1,dns:login.microsoftonline.com,dns:management.azure.com,dns:graph.microsoft.com", "-storetype", "PKCS12",
                "-keystore", tlsKeystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
    }

    public static synchronized TestKeyMaterial get() {
        if (instance == null) {
            try {
                instance = new TestKeyMaterial();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot make test key material with keytool", e);
            }
        }
        return instance;
    }

    public X509Certificate clientCertificate() {
        return (X509Certificate) entry(clientKeystore, "client").getCertificate();
    }

    public PrivateKey clientPrivateKey() {
        return entry(clientKeystore, "client").getPrivateKey();
    }

    public String clientCertificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(clientCertificate().getEncoded())
                    + "\n-----END CERTIFICATE-----";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SSL context that trusts the sandbox's test TLS certificate. */
    public SSLContext trustingTls() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("tls", entry(tlsKeystore, "tls").getCertificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore.PrivateKeyEntry entry(Path keystore, String alias) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return (KeyStore.PrivateKeyEntry) store.getEntry(alias, new KeyStore.PasswordProtection(PASSWORD.toCharArray()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }
}
