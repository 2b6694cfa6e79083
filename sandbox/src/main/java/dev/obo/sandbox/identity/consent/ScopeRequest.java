package dev.obo.sandbox.identity.consent;

import java.util.HashSet;
import java.util.Set;

/**
 * A parsed {@code scope} parameter: the OpenID Connect scopes ({@code openid},
 * {@code profile}, {@code email}, {@code offline_access}) and the scopes of the one
 * resource the token is for.
 */
public record ScopeRequest(Set<String> oidc, ResourceScopes resource, String raw) {

    public boolean openid() {
        return oidc.contains("openid");
    }

    public boolean offlineAccess() {
        return oidc.contains("offline_access");
    }

    public ScopeRequest withOfflineAccess() {
        Set<String> more = new HashSet<>(oidc);
        more.add("offline_access");
        return new ScopeRequest(Set.copyOf(more), resource, raw + " offline_access");
    }
}
