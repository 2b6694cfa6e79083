package dev.obo.sandbox.identity.token;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.nimbusds.oauth2.sdk.GrantType;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.consent.ResourceScopes;
import dev.obo.sandbox.identity.consent.ScopeRequest;
import dev.obo.sandbox.identity.consent.Scopes;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.AppIdentifiers;

/**
 * {@code client_credentials} (RFC 6749 section 4.4): an app-only token whose {@code roles}
 * are the app roles the client requires of the resource. As with Entra, the scope must be
 * {@code <resource>/.default} (AADSTS1002012).
 */
@Component
class ClientCredentialsGrant implements GrantHandler {

    private final Scopes scopes;
    private final TokenIssuer issuer;
    private final Clock clock;

    ClientCredentialsGrant(Scopes scopes, TokenIssuer issuer, Clock clock) {
        this.scopes = scopes;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return GrantType.CLIENT_CREDENTIALS.getValue();
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        client.requireConfidential();
        String scope = request.required("scope");
        ScopeRequest requested = scopes.parse(scope);
        ResourceScopes resource = requested.resource();
        if (!requested.oidc().isEmpty() || !resource.requestedDefault() || !resource.scopes().isEmpty()) {
            throw new EntraException(EntraError.CLIENT_CREDENTIALS_SCOPE, scope);
        }
        List<String> roles = client.app().requiredOn(resource.resourceId()).roles().stream()
                .filter(resource.resource().appRoles()::contains).toList();
        TokenIssuer.Issued token = issuer.appAccessToken(client, resource, roles, request.claims());
        long expiresIn = Duration.between(clock.instant(), token.expiresAt()).toSeconds();
        return new TokenResponse(token.token(), expiresIn, AppIdentifiers.withoutTrailingSlash(resource.requestedIdentifier()) + "/" + Scopes.DEFAULT,
                null, null, null, null);
    }
}
