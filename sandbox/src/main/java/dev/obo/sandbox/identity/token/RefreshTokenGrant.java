package dev.obo.sandbox.identity.token;

import com.nimbusds.oauth2.sdk.GrantType;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.conditionalaccess.ConditionalAccess;
import dev.obo.sandbox.identity.consent.DelegatedPermissions;
import dev.obo.sandbox.identity.consent.ResourceScopes;
import dev.obo.sandbox.identity.consent.ScopeRequest;
import dev.obo.sandbox.identity.consent.Scopes;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.identity.token.RefreshTokens.RefreshGrant;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * {@code refresh_token} (RFC 6749 section 6). As with Entra, the new token may be for
 * another consented resource ({@code scope}); without {@code scope} the original scopes apply.
 */
@Component
class RefreshTokenGrant implements GrantHandler {

    private final RefreshTokens refreshTokens;
    private final Directory directory;
    private final Scopes scopes;
    private final DelegatedPermissions permissions;
    private final ConditionalAccess conditionalAccess;
    private final UserTokens tokens;

    RefreshTokenGrant(RefreshTokens refreshTokens, Directory directory, Scopes scopes, DelegatedPermissions permissions,
                      ConditionalAccess conditionalAccess, UserTokens tokens) {
        this.refreshTokens = refreshTokens;
        this.directory = directory;
        this.scopes = scopes;
        this.permissions = permissions;
        this.conditionalAccess = conditionalAccess;
        this.tokens = tokens;
    }

    @Override
    public String grantType() {
        return GrantType.REFRESH_TOKEN.getValue();
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        String token = request.required("refresh_token");
        String scope = request.optional("scope").orElse(null);
        RefreshGrant grant = refreshTokens.redeem(token, client.app().clientId());
        User user = directory.userByName(grant.username()).orElseThrow(
                () -> new EntraException(EntraError.USER_NOT_FOUND, grant.username(), directory.tenant().id()));
        // As Entra does, a refresh always returns a successor refresh token, whatever scope is asked.
        ScopeRequest asked = scopes.parse(scope != null ? scope : grant.scope());
        ScopeRequest requested = asked.offlineAccess() ? asked : asked.withOfflineAccess();
        ResourceScopes granted = permissions.grantable(user, client.app(), requested.resource());
        conditionalAccess.check(user, granted.resource(), granted.requestedIdentifier(), grant.signIn().amr());
        return tokens.issue(new UserTokens.Grant(user, client, requested, granted, grant.signIn(), null,
                grant.family(), true), request);
    }
}
