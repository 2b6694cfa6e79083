package dev.obo.sandbox.tenant;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The content of a {@code sandbox.yml} seed file: one tenant, its users, its app
 * registrations, the consent grants that exist before anyone signs in, and the tenant's
 * user-assigned managed identities.
 */
public record SandboxSeed(Tenant tenant, List<User> users, List<App> apps, List<ConsentGrant> consents,
                          List<ManagedIdentity> managedIdentities) {

    public SandboxSeed {
        users = nonNull(users);
        apps = nonNull(apps);
        consents = nonNull(consents);
        managedIdentities = nonNull(managedIdentities);
    }

    /** Appends the users, apps, consents and managed identities of {@code more}; its tenant, if any, must be the same. */
    SandboxSeed plus(SandboxSeed more) {
        Tenant merged = tenant == null ? more.tenant : tenant;
        if (tenant != null && more.tenant != null && !tenant.equals(more.tenant)) {
            throw new InvalidSeedException("sandbox seed: the seed files describe the tenant differently: " + tenant + " and " + more.tenant);
        }
        return new SandboxSeed(merged, concat(users, more.users), concat(apps, more.apps), concat(consents, more.consents),
                concat(managedIdentities, more.managedIdentities));
    }

    private static URI parse(String uri) {
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The directory tenant: its id and its verified domain. */
    public record Tenant(String id, String domain, String displayName) {}

    /**
     * A user account. {@code mfaRequiredFor} is a conditional-access rule: the app ids of
     * resources for which this user must have signed in with a second factor. {@code mail},
     * {@code jobTitle} and {@code officeLocation} are optional profile fields, as Microsoft
     * Graph's {@code /me} reports them.
     */
    public record User(String username, String oid, String displayName, String givenName, String surname,
                       String mail, String jobTitle, String officeLocation,
                       String password, List<String> groups, Set<String> mfaRequiredFor,
                       List<Subscription> subscriptions) {
        public User {
            groups = nonNull(groups);
            mfaRequiredFor = mfaRequiredFor == null ? Set.of() : Set.copyOf(mfaRequiredFor);
            subscriptions = nonNull(subscriptions);
        }
    }

    /** An Azure subscription the user can read, as the ARM stand-in reports it. */
    public record Subscription(String subscriptionId, String displayName, String state, String quotaId,
                               String spendingLimit, String locationPlacementId) {}

    /**
     * An app registration together with its service principal, in the words of the Entra
     * app manifest: {@code identifierUris}, exposed delegated {@code scopes}, {@code appRoles},
     * {@code requiredResourceAccess} (here {@code requiredPermissions}),
     * {@code knownClientApplications}, {@code accessTokenAcceptedVersion} and
     * {@code federatedIdentityCredentials} (workload identity federation).
     */
    public record App(String displayName, String clientId, Boolean publicClient, List<String> secrets,
                      List<String> certificates, List<String> redirectUris, List<String> postLogoutRedirectUris,
                      List<String> identifierUris, List<String> scopes, List<String> appRoles,
                      List<RequiredPermission> requiredPermissions, List<String> knownClientApplications,
                      Integer accessTokenAcceptedVersion, List<FederatedIdentityCredential> federatedIdentityCredentials) {
        public App {
            federatedIdentityCredentials = nonNull(federatedIdentityCredentials);
            publicClient = Boolean.TRUE.equals(publicClient);
            secrets = nonNull(secrets);
            certificates = nonNull(certificates);
            redirectUris = nonNull(redirectUris);
            postLogoutRedirectUris = nonNull(postLogoutRedirectUris);
            identifierUris = nonNull(identifierUris);
            scopes = nonNull(scopes);
            appRoles = nonNull(appRoles);
            requiredPermissions = nonNull(requiredPermissions);
            knownClientApplications = nonNull(knownClientApplications);
            accessTokenAcceptedVersion = accessTokenAcceptedVersion == null ? 2 : accessTokenAcceptedVersion;
        }

        /** Whether {@code uri} is one of this app's redirect URIs, as Entra matches them ({@link #matches}). */
        public boolean allowsRedirectTo(String uri) {
            return matches(redirectUris, uri);
        }

        /** Whether {@code uri} is one of this app's post-logout redirect URIs, as Entra matches them. */
        public boolean allowsPostLogoutRedirectTo(String uri) {
            return matches(postLogoutRedirectUris, uri);
        }

        /**
         * Entra's rule: the URI exactly as registered, except that for a loopback address
         * ({@code http://localhost}, {@code http://127.0.0.1}) the port is ignored, as RFC 8252
         * section 7.3 asks, so an app on any local port matches its registration.
         */
        static boolean matches(List<String> registered, String uri) {
            if (uri == null) {
                return false;
            }
            if (registered.contains(uri)) {
                return true;
            }
            URI requested = parse(uri);
            if (requested == null || !isLoopback(requested)) {
                return false;
            }
            return registered.stream().map(SandboxSeed::parse).anyMatch(r -> r != null && isLoopback(r)
                    && r.getScheme().equalsIgnoreCase(requested.getScheme()) && r.getHost().equalsIgnoreCase(requested.getHost())
                    && java.util.Objects.equals(r.getRawPath(), requested.getRawPath())
                    && java.util.Objects.equals(r.getRawQuery(), requested.getRawQuery()) && requested.getRawFragment() == null);
        }

        private static boolean isLoopback(URI uri) {
            return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                    && Set.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost().toLowerCase(java.util.Locale.ROOT));
        }

        /** The permissions this app declares on {@code resourceAppId}, or an empty declaration. */
        public RequiredPermission requiredOn(String resourceAppId) {
            return requiredPermissions.stream().filter(p -> p.resource().equals(resourceAppId)).findFirst()
                    .orElse(new RequiredPermission(resourceAppId, List.of(), List.of()));
        }
    }

    /**
     * A federated identity credential of an app (Microsoft Graph's {@code federatedIdentityCredential}):
     * a token from {@code issuer} whose {@code sub} is {@code subject} and whose {@code aud} is one of
     * {@code audiences} proves the app, in place of a secret or certificate. Entra's default
     * audience, {@value #TOKEN_EXCHANGE_AUDIENCE}, is taken when none is given.
     */
    public record FederatedIdentityCredential(String name, String issuer, String subject, List<String> audiences) {

        /** The audience Microsoft asks federated tokens to carry for Entra ID. */
        public static final String TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

        public FederatedIdentityCredential {
            audiences = audiences == null || audiences.isEmpty() ? List.of(TOKEN_EXCHANGE_AUDIENCE) : List.copyOf(audiences);
        }
    }

    /**
     * A user-assigned managed identity: its resource {@code name}, its {@code clientId} (the app id of its
     * service principal) and its {@code principalId} (the service principal's object id, the {@code oid}
     * and {@code sub} of its tokens).
     */
    public record ManagedIdentity(String name, String clientId, String principalId) {}

    /** Delegated {@code scopes} and application {@code roles} an app needs on a resource (by app id). */
    public record RequiredPermission(String resource, List<String> scopes, List<String> roles) {
        public RequiredPermission {
            scopes = nonNull(scopes);
            roles = nonNull(roles);
        }
    }

    /**
     * A delegated permission grant: {@code user} (a username, or {@code "*"} for admin consent
     * on behalf of all users) lets {@code client} use {@code scopes} of {@code resource}.
     */
    public record ConsentGrant(String user, String client, String resource, List<String> scopes) {
        public ConsentGrant {
            scopes = nonNull(scopes);
        }
    }
}
