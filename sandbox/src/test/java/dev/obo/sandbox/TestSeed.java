package dev.obo.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test seed: the default {@code sandbox.yml} plus {@code test-seed.yml} (a public
 * client, an API that authenticates with a certificate, an API on v1.0 tokens), with the test
 * certificate filled in.
 */
public final class TestSeed {

    public static final String TENANT = "4a5b6c7d-0000-4000-8000-000000000001";
    public static final String WEB = "4a5b6c7d-0000-4000-8000-000000000002";
    public static final String API = "4a5b6c7d-0000-4000-8000-000000000003";
    public static final String ARM = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
    public static final String CLI = "4a5b6c7d-0000-4000-8000-0000000000e0";
    public static final String CERT_API = "4a5b6c7d-0000-4000-8000-0000000000e1";
    /**
     * An API left on v1.0 tokens ({@code accessTokenAcceptedVersion: 1}), secret {@code legacy-secret}, that may call ARM,
     * and Graph with {@code Mail.Read} only.
     */
    public static final String LEGACY_API = "4a5b6c7d-0000-4000-8000-0000000000e3";
    public static final String LEGACY_API_SCOPE = "api://" + LEGACY_API + "/access_as_user";
    public static final String API_SCOPE = "api://" + API + "/access_as_user";
    public static final String ARM_SCOPE = "https://management.azure.com/user_impersonation";
    public static final String GRAPH = "00000003-0000-0000-c000-000000000000";
    public static final String GRAPH_SCOPE = "https://graph.microsoft.com/User.Read";
    /** A Graph permission that does not read the user's profile, which the legacy API has (admin consent). */
    public static final String GRAPH_MAIL_SCOPE = "https://graph.microsoft.com/Mail.Read";
    public static final String WEB_REDIRECT = "http://localhost:8000/account/callback";
    public static final String CLI_REDIRECT = "http://localhost:7777/callback";

    private static String locations;

    private TestSeed() {
    }

    /** The value of {@code sandbox.seed} for tests. */
    public static synchronized String locations() {
        if (locations == null) {
            try (InputStream in = TestSeed.class.getResourceAsStream("/test-seed.yml")) {
                String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("${CLIENT_CERTIFICATE}", TestKeyMaterial.get().clientCertificatePem().replace("\n", ""));
                Path file = TestKeyMaterial.get().directory.resolve("test-seed.yml");
                Files.writeString(file, yaml);
                locations = "classpath:sandbox.yml,file:" + file;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return locations;
    }
}
