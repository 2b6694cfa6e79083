package dev.obo.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.TestKeyMaterial;

/**
 * The test seed: the default {@code sandbox.yml} (its ids are {@link DemoTenant}'s) plus {@code test-seed.yml} (a public
 * client, an API that authenticates with a certificate, an API on v1.0 tokens, a tool that signs users
 * in for ARM and Graph), with the test certificate filled in.
 */
public final class TestSeed {

    public static final String TENANT = DemoTenant.TENANT;
    public static final String WEB = DemoTenant.WEB;
    public static final String API = DemoTenant.API;
    public static final String ARM = DemoTenant.ARM;
    /** A confidential client without user permissions, secret {@code daemon-secret}. */
    public static final String DAEMON = "4a5b6c7d-0000-4000-8000-0000000000e2";
    public static final String CLI = "4a5b6c7d-0000-4000-8000-0000000000e0";
    public static final String CERT_API = "4a5b6c7d-0000-4000-8000-0000000000e1";
    /**
     * An API left on v1.0 tokens ({@code accessTokenAcceptedVersion: 1}), secret {@code legacy-secret}, that may call ARM,
     * and Graph with {@code Mail.Read} only.
     */
    public static final String LEGACY_API = "4a5b6c7d-0000-4000-8000-0000000000e3";
    public static final String LEGACY_API_SCOPE = "api://" + LEGACY_API + "/access_as_user";
    /** A confidential client that signs users in for ARM and Graph themselves (admin consent), secret {@code tool-secret}. */
    public static final String TOOL = "4a5b6c7d-0000-4000-8000-0000000000e4";
    public static final String TOOL_REDIRECT = "http://localhost:7778/callback";
    /** A confidential client with federated identity credentials only ({@code test-seed.yml} says which). */
    public static final String WORKER = "4a5b6c7d-0000-4000-8000-0000000000e5";
    public static final String WORKER_CLUSTER = "aks-test";
    public static final String WORKER_IDENTITY_CLIENT_ID = "4a5b6c7d-0000-4000-8000-000000000006";
    public static final String WORKER_IDENTITY_PRINCIPAL_ID = "4a5b6c7d-0000-4000-8000-000000000007";
    public static final String UNREACHABLE_ISSUER = "http://127.0.0.1:1/unreachable";
    public static final String API_SCOPE = DemoTenant.API_SCOPE;
    public static final String ARM_SCOPE = DemoTenant.ARM_SCOPE;
    public static final String GRAPH = DemoTenant.GRAPH;
    public static final String GRAPH_SCOPE = DemoTenant.GRAPH_SCOPE;
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
