package dev.obo.sandbox.identity.token;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.authorize.SignIn;
import dev.obo.sandbox.identity.claims.ClaimsRequest;
import dev.obo.sandbox.identity.consent.ResourceScopes;
import dev.obo.sandbox.identity.consent.ScopeRequest;
import dev.obo.sandbox.tenant.AppIdentifiers;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * Builds the token response of every delegated grant: the access token for the granted
 * resource scopes, an ID token when {@code openid} was asked, a refresh token when
 * {@code offline_access} was asked, and {@code client_info} for MSAL clients.
 */
@Component
class UserTokens {

    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final Clock clock;

    UserTokens(TokenIssuer issuer, RefreshTokens refreshTokens, Clock clock) {
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    TokenResponse issue(Grant grant, TokenRequest request) {
        TokenIssuer.Issued access = issuer.userAccessToken(grant.user(), grant.client(), grant.granted(), grant.signIn(), grant.claims());
        String idToken = grant.scopes().openid() && grant.withIdToken()
                ? issuer.idToken(grant.user(), grant.client().app(), grant.signIn(), grant.nonce()) : null;
        String refreshToken = grant.scopes().offlineAccess()
                ? refreshTokens.issue(grant.client().app().clientId(), grant.user().username(), grant.scopes().raw(),
                        grant.signIn(), grant.family())
                : null;
        String clientInfo = request.optional("client_info").filter("1"::equals).map(x -> issuer.clientInfo(grant.user())).orElse(null);
        long expiresIn = Duration.between(clock.instant(), access.expiresAt()).toSeconds();
        return new TokenResponse(access.token(), expiresIn, scopeString(grant), refreshToken, idToken, clientInfo, null);
    }

    private static String scopeString(Grant grant) {
        ResourceScopes granted = grant.granted();
        List<String> names = new ArrayList<>();
        // As Entra answers: Graph's permissions as they were asked, bare or prefixed; none for OIDC scopes alone.
        if (!granted.oidcOnly()) {
            String prefix = granted.bareGraphNames() ? "" : AppIdentifiers.withoutTrailingSlash(granted.requestedIdentifier()) + "/";
            granted.scopes().forEach(s -> names.add(prefix + s));
        }
        grant.scopes().oidc().stream().sorted().forEach(names::add);
        return String.join(" ", names);
    }

    /** Everything a delegated token response is made of, as {@link DelegatedGrant} has checked it. */
    record Grant(User user, AuthenticatedClient client, ScopeRequest scopes, ResourceScopes granted, SignIn signIn,
                 String nonce, String family, boolean withIdToken, ClaimsRequest claims) {}
}
