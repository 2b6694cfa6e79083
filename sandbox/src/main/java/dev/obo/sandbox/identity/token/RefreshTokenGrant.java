package dev.obo.sandbox.identity.token;

import com.nimbusds.oauth2.sdk.GrantType;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.token.RefreshTokens.RefreshGrant;

/**
 * {@code refresh_token} (RFC 6749 section 6). As with Entra, the new token may be for
 * another consented resource ({@code scope}); without {@code scope} the original scopes apply,
 * and conditional access judges the original sign-in.
 */
@Component
class RefreshTokenGrant implements GrantHandler {

    private final RefreshTokens refreshTokens;
    private final DelegatedGrant delegated;

    RefreshTokenGrant(RefreshTokens refreshTokens, DelegatedGrant delegated) {
        this.refreshTokens = refreshTokens;
        this.delegated = delegated;
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
        return delegated.forUsername(grant.username()).client(client)
                .scope(scope != null ? scope : grant.scope()).withOfflineAccess()
                .signIn(grant.signIn()).family(grant.family())
                .issue(request);
    }
}
