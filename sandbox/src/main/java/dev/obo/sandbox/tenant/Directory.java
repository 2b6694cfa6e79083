package dev.obo.sandbox.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.obo.sandbox.tenant.SandboxSeed.App;
import dev.obo.sandbox.tenant.SandboxSeed.ConsentGrant;
import dev.obo.sandbox.tenant.SandboxSeed.ManagedIdentity;
import dev.obo.sandbox.tenant.SandboxSeed.Tenant;
import dev.obo.sandbox.tenant.SandboxSeed.User;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The sandbox tenant's directory: users, app registrations (with their service
 * principals) and delegated permission grants. Seeded at start-up; consent given on the
 * consent page is added at run time and kept in memory, as is what an admin changes on an
 * account ({@link Accounts}).
 */
@Component
public class Directory {

    /** Consent given for all users of the tenant (admin consent, {@code AllPrincipals}). */
    public static final String ALL_USERS = "*";

    private final Tenant tenant;
    private final Map<String, User> usersByName;
    private final Map<String, User> usersByOid;
    private final Map<String, App> appsById;
    // key: user|client|resource -> granted scopes
    private final Map<String, Set<String>> grants = new ConcurrentHashMap<>();
    private final Accounts accounts;
    private final List<ManagedIdentity> managedIdentities;

    @Autowired
    Directory(ResourceLoader resourceLoader, SeedProperties properties, Accounts accounts) {
        this(new SeedLoader().load(resourceLoader, properties.seed()), accounts);
    }

    Directory(SandboxSeed seed, Accounts accounts) {
        this.accounts = accounts;
        this.tenant = seed.tenant();
        this.usersByName = index(seed.users(), u -> u.username().toLowerCase(Locale.ROOT));
        this.usersByOid = index(seed.users(), User::oid);
        this.appsById = index(seed.apps(), App::clientId);
        this.managedIdentities = seed.managedIdentities();
        seed.consents().forEach(this::grant);
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }

    public Tenant tenant() {
        return tenant;
    }

    /** True when {@code tenantSegment} names this tenant, by id or by domain, as Entra accepts both. */
    public boolean isTenant(String tenantSegment) {
        return tenant.id().equalsIgnoreCase(tenantSegment)
                || (tenant.domain() != null && tenant.domain().equalsIgnoreCase(tenantSegment));
    }

    public Optional<User> userByName(String username) {
        return Optional.ofNullable(username).map(u -> usersByName.get(u.toLowerCase(Locale.ROOT)));
    }

    /**
     * The user named {@code username} if {@code password} is theirs (the seed's, or the one a reset set),
     * compared in constant time. Whether the account is enabled is for the caller to check, after the password.
     */
    public Optional<User> userWithPassword(String username, String password) {
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        return userByName(username).filter(u -> MessageDigest.isEqual(currentPassword(u).getBytes(StandardCharsets.UTF_8), given));
    }

    private String currentPassword(User user) {
        String reset = accounts.of(user).password();
        return reset != null ? reset : user.password();
    }

    public Optional<User> userByOid(String oid) {
        return Optional.ofNullable(oid).map(usersByOid::get);
    }

    public Collection<User> users() {
        return usersByName.values();
    }

    public Optional<App> app(String clientId) {
        return Optional.ofNullable(clientId).map(id -> appsById.get(id.toLowerCase(Locale.ROOT)))
                .or(() -> Optional.ofNullable(clientId).map(appsById::get));
    }

    /** The app whose app id or one of whose identifier URIs is {@code identifier} (a trailing slash is ignored). */
    public Optional<App> resource(String identifier) {
        String wanted = stripSlash(identifier);
        return appsById.values().stream()
                .filter(a -> a.clientId().equalsIgnoreCase(wanted)
                        || a.identifierUris().stream().anyMatch(uri -> stripSlash(uri).equalsIgnoreCase(wanted)))
                .findFirst();
    }

    /** The tenant's user-assigned managed identities, in seed order. */
    public List<ManagedIdentity> managedIdentities() {
        return managedIdentities;
    }

    /** The apps that list {@code clientId} in their {@code knownClientApplications}. */
    public List<App> appsKnowing(String clientId) {
        return appsById.values().stream().filter(a -> a.knownClientApplications().contains(clientId)).toList();
    }

    /** The scopes of {@code resource} that {@code user} (or an admin, for everyone) let {@code client} use. */
    public Set<String> consentedScopes(User user, App client, App resource) {
        Set<String> scopes = new HashSet<>(grants.getOrDefault(key(ALL_USERS, client, resource), Set.of()));
        scopes.addAll(grants.getOrDefault(key(user.username(), client, resource), Set.of()));
        return scopes;
    }

    /** Records that {@code user} let {@code client} use {@code scopes} of {@code resource}. */
    public void grant(User user, App client, App resource, Collection<String> scopes) {
        grant(new ConsentGrant(user.username(), client.clientId(), resource.clientId(), List.copyOf(scopes)));
    }

    private void grant(ConsentGrant grant) {
        grants.computeIfAbsent(grant.user().toLowerCase(Locale.ROOT) + "|" + grant.client() + "|" + grant.resource(),
                k -> ConcurrentHashMap.newKeySet()).addAll(grant.scopes());
    }

    private static String key(String user, App client, App resource) {
        return user.toLowerCase(Locale.ROOT) + "|" + client.clientId() + "|" + resource.clientId();
    }

    private static String stripSlash(String s) {
        return AppIdentifiers.withoutTrailingSlash(s == null ? "" : s.trim());
    }
}
