package dev.obo.sandbox.identity.consent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.App;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * Which delegated scopes a client may use for a user: the scope must be in the client's
 * required permissions (else AADSTS65005) and consented by the user or an admin (else
 * AADSTS65001, {@code consent_required}). Consent to a client that an API lists in its
 * {@code knownClientApplications} also covers that API's own required permissions
 * (Entra's combined consent).
 */
@Component
public class DelegatedPermissions {

    private final Directory directory;

    DelegatedPermissions(Directory directory) {
        this.directory = directory;
    }

    /** The scopes that {@code client} may use on the resource for {@code user}; throws when any is missing. */
    public ResourceScopes grantable(User user, App client, ResourceScopes requested) {
        List<String> wanted = wanted(client, requested);
        Set<String> consented = directory.consentedScopes(user, client, requested.resource());
        if (!requested.oidcOnly() && !consented.containsAll(wanted)) {
            throw new EntraException(EntraError.CONSENT_REQUIRED, client.clientId(), client.displayName());
        }
        return requested.withScopes(wanted);
    }

    /** The declared scopes a request asks for (all of them for {@code .default}); throws AADSTS65005 for undeclared ones. */
    List<String> wanted(App client, ResourceScopes requested) {
        if (requested.oidcOnly()) {
            return requested.scopes();
        }
        List<String> declared = client.requiredOn(requested.resourceId()).scopes();
        List<String> wanted = requested.requestedDefault() ? declared : requested.scopes();
        if (wanted.isEmpty()) {
            throw new EntraException(EntraError.PERMISSION_NOT_REQUIRED, client.clientId(), Scopes.DEFAULT,
                    requested.requestedIdentifier());
        }
        for (String scope : wanted) {
            if (!declared.contains(scope)) {
                throw new EntraException(EntraError.PERMISSION_NOT_REQUIRED, client.clientId(), scope,
                        requested.requestedIdentifier());
            }
        }
        return wanted;
    }

    /**
     * What the consent page must ask for: per (client, resource) pair, the scopes not yet
     * consented ({@code force}: all of them). For {@code .default} of an API that knows the
     * client, the API's own required permissions are included.
     */
    public Map<Pair, List<String>> toConsent(User user, App client, ResourceScopes requested, boolean force) {
        Map<Pair, List<String>> asks = new LinkedHashMap<>();
        if (requested.oidcOnly()) {
            return asks;
        }
        add(asks, user, new Pair(client, requested.resource()), wanted(client, requested), force);
        App api = requested.resource();
        if (requested.requestedDefault() && api.knownClientApplications().contains(client.clientId())) {
            for (var permission : api.requiredPermissions()) {
                directory.app(permission.resource()).ifPresent(downstream ->
                        add(asks, user, new Pair(api, downstream), permission.scopes(), force));
            }
        }
        return asks;
    }

    public void grant(User user, Map<Pair, List<String>> asks) {
        asks.forEach((pair, scopes) -> directory.grant(user, pair.client(), pair.resource(), scopes));
    }

    private void add(Map<Pair, List<String>> asks, User user, Pair pair, List<String> scopes, boolean force) {
        Set<String> consented = directory.consentedScopes(user, pair.client(), pair.resource());
        List<String> missing = new ArrayList<>(scopes.stream().filter(s -> force || !consented.contains(s)).toList());
        if (!missing.isEmpty()) {
            asks.put(pair, missing);
        }
    }

    /** A client and the resource it asks to use. */
    public record Pair(App client, App resource) {}
}
