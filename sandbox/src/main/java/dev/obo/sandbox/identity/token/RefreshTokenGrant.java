package dev.obo.sandbox.identity.token;

import com.nimbusds.oauth2.sdk.GrantType;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.conditionalaccess.ContinuousAccess;
import dev.obo.sandbox.identity.token.RefreshTokens.RefreshGrant;
import dev.obo.sandbox.tenant.Directory;

/**
 * {@code refresh_token} (RFC 6749 section 6). As with Entra, the new token may be for
 * another consented resource ({@code scope}); without {@code scope} the original scopes apply,
 * and conditional access judges the original sign-in. A refresh token from a sign-in before the
 * user's tokens-valid-from, or of a disabled account, is refused before it is spent (AADSTS50173,
 * AADSTS50057), as often as it is presented; the rest of its family is left as it is.
 */
@Component
class RefreshTokenGrant implements GrantHandler {

    private final RefreshTokens refreshTokens;
    private final DelegatedGrant delegated;
    private final Directory directory;
    private final ContinuousAccess continuousAccess;

    RefreshTokenGrant(RefreshTokens refreshTokens, DelegatedGrant delegated, Directory directory, ContinuousAccess continuousAccess) {
        this.refreshTokens = refreshTokens;
        this.delegated = delegated;
        this.directory = directory;
        this.continuousAccess = continuousAccess;
    }

    @Override
    public String grantType() {
        return GrantType.REFRESH_TOKEN.getValue();
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        String token = request.required("refresh_token");
        String scope = request.optional("scope").orElse(null);
        RefreshGrant grant = refreshTokens.redeem(token, client.app().clientId(), g -> directory.userByName(g.username())
                .ifPresent(user -> continuousAccess.checkGrant(user, g.signIn().authTime())));
        return delegated.forUsername(grant.username()).client(client)
                .scope(scope != null ? scope : grant.scope()).withOfflineAccess()
                .signIn(grant.signIn()).family(grant.family())
                .issue(request);
    }
}
