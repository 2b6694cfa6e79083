package dev.obo.sandbox.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Refresh tokens: opaque, bound to the client they were issued to, rotated on every use.
 * Presenting a rotated token again revokes its whole family (RFC 9700 section 4.14.2).
 */
@Component
class RefreshTokens {

    private final Map<String, RefreshGrant> active = new ConcurrentHashMap<>();
    private final Map<String, String> rotatedToFamily = new ConcurrentHashMap<>();
    private final Set<String> revokedFamilies = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final IdentityProperties properties;

    RefreshTokens(Clock clock, IdentityProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    String issue(String clientId, String username, String scope, SignIn signIn, String family) {
        if (revokedFamilies.contains(family)) {
            throw new EntraException(EntraError.INVALID_GRANT_VALUE, "refresh_token", "The grant was revoked.");
        }
        String token = "1.sbxrt" + AuthorizationCodes.random();
        active.put(token, new RefreshGrant(clientId, username, scope, signIn, family,
                clock.instant().plus(properties.refreshTokenLifetime())));
        return token;
    }

    /** Takes {@code token} out of use and returns what it stood for; its successor is issued by the caller. */
    RefreshGrant redeem(String token, String clientId) {
        RefreshGrant grant = active.get(token);
        if (grant == null) {
            String family = rotatedToFamily.get(token);
            if (family != null) {
                revokeFamily(family);
                throw new EntraException(EntraError.INVALID_GRANT_VALUE, "refresh_token",
                        "The refresh token was already used; every token issued with it has been revoked.");
            }
            throw new EntraException(EntraError.INVALID_GRANT_VALUE, "refresh_token", "The refresh token is unknown or revoked.");
        }
        if (!grant.clientId().equals(clientId)) {
            throw new EntraException(EntraError.INVALID_GRANT_VALUE, "refresh_token", "The refresh token was issued to another client.");
        }
        if (active.remove(token) == null) {
            return redeem(token, clientId);
        }
        rotatedToFamily.put(token, grant.family());
        if (clock.instant().isAfter(grant.expiresAt())) {
            throw new EntraException(EntraError.CODE_EXPIRED);
        }
        return grant;
    }

    void revokeFamily(String family) {
        revokedFamilies.add(family);
        active.values().removeIf(g -> g.family().equals(family));
    }

    /** What a refresh token stands for. */
    record RefreshGrant(String clientId, String username, String scope, SignIn signIn, String family, Instant expiresAt) {}
}
