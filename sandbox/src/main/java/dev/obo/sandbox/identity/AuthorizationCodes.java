package dev.obo.sandbox.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Issued authorization codes, single use. A code redeemed twice is refused (AADSTS54005)
 * and everything it issued is revoked (RFC 9700 section 4.2.1 / RFC 6749 section 4.1.2).
 */
@Component
class AuthorizationCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, CodeGrant> codes = new ConcurrentHashMap<>();
    private final Clock clock;
    private final IdentityProperties properties;
    private final RefreshTokens refreshTokens;

    AuthorizationCodes(Clock clock, IdentityProperties properties, RefreshTokens refreshTokens) {
        this.clock = clock;
        this.properties = properties;
        this.refreshTokens = refreshTokens;
    }

    String issue(CodeGrant grant) {
        Instant now = clock.instant();
        codes.values().removeIf(c -> c.expiresAt().plus(properties.refreshTokenLifetime()).isBefore(now));
        String code = "1.sbx" + random();
        codes.put(code, grant.withExpiry(now.plus(properties.codeLifetime())));
        return code;
    }

    /** Consumes {@code code} for {@code clientId}: the code can never be redeemed again, whatever follows. */
    CodeGrant redeem(String code, String clientId) {
        CodeGrant grant = codes.get(code);
        if (grant == null) {
            throw new EntraException(EntraError.INVALID_GRANT_VALUE, "code", "The authorization code is unknown or malformed.");
        }
        if (!grant.clientId().equals(clientId)) {
            throw new EntraException(EntraError.INVALID_GRANT_VALUE, "code", "The authorization code was issued to another client.");
        }
        if (!codes.replace(code, grant, grant.spent())) {
            return redeem(code, clientId);
        }
        if (grant.used()) {
            refreshTokens.revokeFamily(grant.family());
            throw new EntraException(EntraError.CODE_ALREADY_REDEEMED);
        }
        if (clock.instant().isAfter(grant.expiresAt())) {
            throw new EntraException(EntraError.CODE_EXPIRED);
        }
        return grant;
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * What a code stands for: the client and redirect URI it was issued to, the user and
     * how they signed in, the requested scopes, the PKCE challenge, the nonce, and the
     * family id of the refresh tokens it leads to.
     */
    record CodeGrant(String clientId, String redirectUri, String username, String scope, String codeChallenge,
                     String nonce, SignIn signIn, String family, Instant expiresAt, boolean used) {

        CodeGrant withExpiry(Instant at) {
            return new CodeGrant(clientId, redirectUri, username, scope, codeChallenge, nonce, signIn, family, at, used);
        }

        CodeGrant spent() {
            return new CodeGrant(clientId, redirectUri, username, scope, codeChallenge, nonce, signIn, family, expiresAt, true);
        }
    }
}
