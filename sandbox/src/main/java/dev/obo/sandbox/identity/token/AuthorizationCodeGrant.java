package dev.obo.sandbox.identity.token;

import com.nimbusds.oauth2.sdk.GrantType;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.authorize.AuthorizationCodes;
import dev.obo.sandbox.identity.authorize.AuthorizationCodes.CodeGrant;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;

/** {@code authorization_code} (RFC 6749 section 4.1.3) with PKCE S256 (RFC 7636 section 4.6). */
@Component
class AuthorizationCodeGrant implements GrantHandler {

    private final AuthorizationCodes codes;
    private final RefreshTokens refreshTokens;
    private final DelegatedGrant delegated;

    AuthorizationCodeGrant(AuthorizationCodes codes, RefreshTokens refreshTokens, DelegatedGrant delegated) {
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.delegated = delegated;
    }

    @Override
    public String grantType() {
        return GrantType.AUTHORIZATION_CODE.getValue();
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        String code = request.required("code");
        String redirectUri = request.required("redirect_uri");
        CodeGrant grant = codes.redeem(code, client.app().clientId(), refreshTokens::revokeFamily);
        if (!grant.redirectUri().equals(redirectUri)) {
            throw new EntraException(EntraError.INVALID_GRANT_VALUE, "redirect_uri",
                    "It must exactly match the redirect URI used to obtain the authorization code.");
        }
        Pkce.check(grant.codeChallenge(), request.optional("code_verifier").orElse(null));
        return delegated.forUsername(grant.username()).client(client).scope(grant.scope())
                .signIn(grant.signIn()).family(grant.family()).nonce(grant.nonce())
                // CAE-capable when either the authorize request or this one declared cp1.
                .claims(grant.claims().plus(request.claims()))
                .issue(request);
    }
}
