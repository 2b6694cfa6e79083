package dev.obo.sandbox.identity.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import com.nimbusds.oauth2.sdk.GrantType;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.authorize.AuthorizationCodes.CodeGrant;
import dev.obo.sandbox.identity.authorize.AuthorizationCodes;
import dev.obo.sandbox.identity.consent.DelegatedPermissions;
import dev.obo.sandbox.identity.consent.ResourceScopes;
import dev.obo.sandbox.identity.consent.ScopeRequest;
import dev.obo.sandbox.identity.consent.Scopes;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/** {@code authorization_code} (RFC 6749 section 4.1.3) with PKCE S256 (RFC 7636 section 4.6). */
@Component
class AuthorizationCodeGrant implements GrantHandler {

    private final AuthorizationCodes codes;
    private final RefreshTokens refreshTokens;
    private final Directory directory;
    private final Scopes scopes;
    private final DelegatedPermissions permissions;
    private final UserTokens tokens;

    AuthorizationCodeGrant(AuthorizationCodes codes, RefreshTokens refreshTokens, Directory directory, Scopes scopes,
                           DelegatedPermissions permissions, UserTokens tokens) {
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.directory = directory;
        this.scopes = scopes;
        this.permissions = permissions;
        this.tokens = tokens;
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
        checkPkce(grant, request.optional("code_verifier").orElse(null));
        User user = directory.userByName(grant.username()).orElseThrow(
                () -> new EntraException(EntraError.USER_NOT_FOUND, grant.username(), directory.tenant().id()));
        ScopeRequest requested = scopes.parse(grant.scope());
        ResourceScopes granted = permissions.grantable(user, client.app(), requested.resource());
        return tokens.issue(new UserTokens.Grant(user, client, requested, granted, grant.signIn(), grant.nonce(),
                grant.family(), true), request);
    }

    private static void checkPkce(CodeGrant grant, String verifier) {
        if (grant.codeChallenge() == null) {
            if (verifier != null) {
                // RFC 9700 section 2.1.1: a verifier without a challenge is a PKCE downgrade attempt.
                throw new EntraException(EntraError.PKCE_MISMATCH,
                        "A code_verifier was sent, but the authorization request had no code_challenge.");
            }
            return;
        }
        if (verifier == null) {
            throw new EntraException(EntraError.MISSING_PARAMETER, "code_verifier");
        }
        if (!MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                grant.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            throw new EntraException(EntraError.PKCE_MISMATCH, "");
        }
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
