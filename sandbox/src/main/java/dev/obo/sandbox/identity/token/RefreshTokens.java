package dev.obo.sandbox.identity.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.IdentityProperties;
import dev.obo.sandbox.identity.OpaqueValues;
import dev.obo.sandbox.identity.authorize.SignIn;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;

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
        String token = "1.sbxrt" + OpaqueValues.next();
        active.put(token, new RefreshGrant(clientId, username, scope, signIn, family,
                clock.instant().plus(properties.refreshTokenLifetime())));
        // NOTE: checked after the put, so that a family revoked at the same moment (a reuse detected by a
        // concurrent redemption, a code redeemed twice) takes this token with it: it is born revoked,
        // whichever of the two came first, rather than failing a redemption that won.
        if (revokedFamilies.contains(family)) {
            active.remove(token);
        }
        return token;
    }

    /**
     * Takes {@code token} out of use and returns what it stood for; its successor is issued by the
     * caller. The removal from {@code active} is the one decision: of concurrent redemptions exactly
     * one wins, and every other one is a reuse, which revokes the family. {@code stillValid} may refuse
     * the grant first (a revoked sign-in); the token then stays as it is, and is refused again next time.
     */
    RefreshGrant redeem(String token, String clientId, Consumer<RefreshGrant> stillValid) {
        RefreshGrant grant = active.get(token);
        if (grant == null) {
            throw reusedOrUnknown(token);
        }
        if (!grant.clientId().equals(clientId)) {
            throw new EntraException(EntraError.INVALID_GRANT_VALUE, "refresh_token", "The refresh token was issued to another client.");
        }
        stillValid.accept(grant);
        // Recorded before the token leaves active: whoever finds it gone then finds it rotated.
        rotatedToFamily.put(token, grant.family());
        if (!active.remove(token, grant)) {
            throw reusedOrUnknown(token);
        }
        if (clock.instant().isAfter(grant.expiresAt())) {
            throw new EntraException(EntraError.CODE_EXPIRED);
        }
        return grant;
    }

    private EntraException reusedOrUnknown(String token) {
        String family = rotatedToFamily.get(token);
        if (family == null) {
            return new EntraException(EntraError.INVALID_GRANT_VALUE, "refresh_token", "The refresh token is unknown or revoked.");
        }
        revokeFamily(family);
        return new EntraException(EntraError.INVALID_GRANT_VALUE, "refresh_token",
                "The refresh token was already used; every token issued with it has been revoked.");
    }

    void revokeFamily(String family) {
        revokedFamilies.add(family);
        active.values().removeIf(g -> g.family().equals(family));
    }

    /** What a refresh token stands for. */
    record RefreshGrant(String clientId, String username, String scope, SignIn signIn, String family, Instant expiresAt) {}
}
