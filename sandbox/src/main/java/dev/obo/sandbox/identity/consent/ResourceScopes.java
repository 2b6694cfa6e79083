package dev.obo.sandbox.identity.consent;

import java.util.List;

import dev.obo.sandbox.tenant.AppIdentifiers;
import dev.obo.sandbox.tenant.SandboxSeed.App;

/**
 * The delegated scopes a request asks of one resource: the resource's app registration,
 * the audience its tokens will carry (the identifier the client used, for v1.0 tokens;
 * the app id, for v2.0), the scope names, and whether they came as {@code .default}.
 */
public record ResourceScopes(App resource, String requestedIdentifier, List<String> scopes, boolean requestedDefault) {

    public String resourceId() {
        return resource.clientId();
    }

    public int version() {
        return resource.accessTokenAcceptedVersion();
    }

    /** Entra puts the app id in v2.0 tokens and the identifier the client asked for in v1.0 tokens. */
    public String audience() {
        return version() == 2 ? resource.clientId() : requestedIdentifier;
    }

    public ResourceScopes withScopes(List<String> granted) {
        return new ResourceScopes(resource, requestedIdentifier, List.copyOf(granted), requestedDefault);
    }

    public boolean isGraph() {
        return AppIdentifiers.GRAPH.equals(resource.clientId());
    }

    /**
     * No resource scope was asked, only OpenID Connect ones: the token is Graph's, as Entra issues
     * it, but needs no declared permission or consent, and cannot be the aim of On-Behalf-Of.
     */
    public boolean oidcOnly() {
        return isGraph() && !requestedDefault && Scopes.OIDC.containsAll(scopes);
    }

    /** Asked by bare permission names ({@code User.Read}), which Entra reads as Microsoft Graph's. */
    public boolean bareGraphNames() {
        return isGraph() && AppIdentifiers.GRAPH.equals(requestedIdentifier);
    }
}
