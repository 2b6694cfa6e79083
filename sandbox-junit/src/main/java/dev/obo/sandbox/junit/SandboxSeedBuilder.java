package dev.obo.sandbox.junit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A seed built in code, for a test that needs users, apps, consents or managed identities the default seed has not:
 * {@code seed.user("frank@onbehalf.test", u -> u.displayName("Frank Fisher").subscriptions(2))}.
 * It is laid over the default seed (the sandbox merges seed files in order), unless
 * {@link #withoutDefaultSeed()} is asked; it becomes a {@code sandbox.yml} file of its own.
 */
public final class SandboxSeedBuilder {

    private final List<Map<String, Object>> users = new ArrayList<>();
    private final List<Map<String, Object>> apps = new ArrayList<>();
    private final List<Map<String, Object>> consents = new ArrayList<>();
    private final List<Map<String, Object>> managedIdentities = new ArrayList<>();
    private Map<String, Object> tenant;
    private boolean defaultSeed = true;

    /** Only this seed, not the default one: then it names a tenant of its own. */
    public SandboxSeedBuilder withoutDefaultSeed() {
        defaultSeed = false;
        return this;
    }

    public SandboxSeedBuilder tenant(String id, String domain, String displayName) {
        tenant = new LinkedHashMap<>(Map.of("id", id, "domain", domain, "displayName", displayName));
        return this;
    }

    /** A user with password {@link DemoTenant#PASSWORD}, a name-based {@code oid}, and what {@code user} adds. */
    public SandboxSeedBuilder user(String username, Consumer<User> user) {
        User built = new User(username);
        user.accept(built);
        users.add(built.fields);
        return this;
    }

    /** An app registration (a confidential client unless {@link App#publicClient()}), with what {@code app} adds. */
    public SandboxSeedBuilder app(String displayName, String clientId, Consumer<App> app) {
        App built = new App(displayName, clientId);
        app.accept(built);
        apps.add(built.fields);
        return this;
    }

    /** {@code user} ({@code "*"}: admin consent for all) lets {@code client} use {@code scopes} of {@code resource}. */
    public SandboxSeedBuilder consent(String user, String client, String resource, String... scopes) {
        consents.add(Map.of("user", user, "client", client, "resource", resource, "scopes", List.of(scopes)));
        return this;
    }

    /** A user-assigned managed identity, served by the sandbox's managed identity endpoint; {@code principalId} is its object id. */
    public SandboxSeedBuilder managedIdentity(String name, String clientId, String principalId) {
        managedIdentities.add(Map.of("name", name, "clientId", clientId, "principalId", principalId));
        return this;
    }

    boolean keepsDefaultSeed() {
        return defaultSeed;
    }

    boolean isEmpty() {
        return tenant == null && users.isEmpty() && apps.isEmpty() && consents.isEmpty() && managedIdentities.isEmpty();
    }

    /** The seed as a {@code sandbox.yml} file. */
    Path write() {
        Map<String, Object> seed = new LinkedHashMap<>();
        if (tenant != null) {
            seed.put("tenant", tenant);
        }
        seed.put("users", users);
        seed.put("apps", apps);
        seed.put("consents", consents);
        seed.put("managedIdentities", managedIdentities);
        try {
            Path file = Files.createTempFile("entra-sandbox-seed", ".yml");
            file.toFile().deleteOnExit();
            Files.writeString(file, new YAMLMapper().writeValueAsString(seed), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the sandbox seed", e);
        }
    }

    /** A user of the seed. */
    public static final class User {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final String username;

        User(String username) {
            this.username = username;
            String name = username.substring(0, username.indexOf('@') < 0 ? username.length() : username.indexOf('@'));
            fields.put("username", username);
            fields.put("oid", nameBased("user:" + username));
            fields.put("displayName", Character.toUpperCase(name.charAt(0)) + name.substring(1));
            fields.put("password", DemoTenant.PASSWORD);
        }

        public User displayName(String displayName) {
            fields.put("displayName", displayName);
            return this;
        }

        public User oid(String oid) {
            fields.put("oid", oid);
            return this;
        }

        public User password(String password) {
            fields.put("password", password);
            return this;
        }

        /** Profile fields, as Graph's {@code /me} reports them. */
        public User profile(String mail, String jobTitle, String officeLocation) {
            fields.put("mail", mail);
            fields.put("jobTitle", jobTitle);
            fields.put("officeLocation", officeLocation);
            return this;
        }

        /** Conditional access: a second factor is needed for these resources (app ids). */
        public User mfaRequiredFor(String... resourceAppIds) {
            fields.put("mfaRequiredFor", List.of(resourceAppIds));
            return this;
        }

        /** One more enabled subscription, named {@code displayName}, with a name-based id. */
        @SuppressWarnings("unchecked")
        public User subscription(String displayName) {
            List<Map<String, Object>> subscriptions = (List<Map<String, Object>>) fields.computeIfAbsent("subscriptions", n -> new ArrayList<>());
            subscriptions.add(new LinkedHashMap<>(Map.of("subscriptionId", nameBased("subscription:" + username + ":" + displayName),
                    "displayName", displayName, "state", "Enabled")));
            return this;
        }

        /** {@code count} enabled subscriptions, named after the user, with name-based ids. */
        public User subscriptions(int count) {
            List<Map<String, Object>> subscriptions = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                subscriptions.add(new LinkedHashMap<>(Map.of("subscriptionId", nameBased("subscription:" + username + ":" + i),
                        "displayName", fields.get("displayName") + " – " + i, "state", "Enabled")));
            }
            fields.put("subscriptions", subscriptions);
            return this;
        }
    }

    /** An app registration of the seed. */
    public static final class App {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final List<Map<String, Object>> required = new ArrayList<>();

        App(String displayName, String clientId) {
            fields.put("displayName", displayName);
            fields.put("clientId", clientId);
            fields.put("requiredPermissions", required);
        }

        public App secret(String secret) {
            return list("secrets", secret);
        }

        /** A certificate credential: the PEM of an X.509 certificate, for {@code private_key_jwt}. */
        public App certificate(String pem) {
            return list("certificates", pem);
        }

        public App publicClient() {
            fields.put("publicClient", true);
            return this;
        }

        public App redirectUri(String uri) {
            return list("redirectUris", uri);
        }

        public App postLogoutRedirectUri(String uri) {
            return list("postLogoutRedirectUris", uri);
        }

        public App identifierUri(String uri) {
            return list("identifierUris", uri);
        }

        /** A delegated scope this app exposes. */
        public App scope(String scope) {
            return list("scopes", scope);
        }

        /** A required permission: delegated {@code scopes} of the resource with app id {@code resource}. */
        public App requires(String resource, String... scopes) {
            required.add(Map.of("resource", resource, "scopes", List.of(scopes)));
            return this;
        }

        /**
         * A federated identity credential with Entra's default audience, {@code api://AzureADTokenExchange}.
         * {@code issuer} is an issuer URL; {@link DemoTenant#ENTRA_ISSUER} stands for the sandbox tenant's own
         * v2.0 issuer (a managed identity's tokens), and a path such as {@code /kubernetes/aks} for that path
         * under the sandbox's base URL (a cluster's issuer, {@link Sandbox#kubernetesIssuer}), whatever its port.
         */
        public App federatedCredential(String name, String issuer, String subject) {
            return federatedCredential(name, issuer, subject, List.of("api://AzureADTokenExchange"));
        }

        /** A federated identity credential that accepts tokens for these {@code audiences}. */
        @SuppressWarnings("unchecked")
        public App federatedCredential(String name, String issuer, String subject, List<String> audiences) {
            ((List<Object>) fields.computeIfAbsent("federatedIdentityCredentials", n -> new ArrayList<>()))
                    .add(Map.of("name", name, "issuer", issuer, "subject", subject, "audiences", List.copyOf(audiences)));
            return this;
        }

        public App accessTokenAcceptedVersion(int version) {
            fields.put("accessTokenAcceptedVersion", version);
            return this;
        }

        @SuppressWarnings("unchecked")
        private App list(String name, String value) {
            ((List<Object>) fields.computeIfAbsent(name, n -> new ArrayList<>())).add(value);
            return this;
        }
    }

    private static String nameBased(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
