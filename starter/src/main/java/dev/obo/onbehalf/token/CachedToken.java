package dev.obo.onbehalf.token;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * What the cache holds for one assertion and downstream API: the downstream token, when the
 * entry dies, and from when its use starts a background refresh ({@code null}: never); or,
 * with no token, the refusal of the assertion (by the identity provider, or by the downstream
 * API's claims challenge), kept until the assertion expires, so that a refused assertion costs
 * one token request (or none) and not one per call.
 */
public record CachedToken(OAuth2AccessToken token, Instant diesAt, Instant refreshAt, Refusal refusal) {

    /** The longest a refusal is remembered. */
    static final Duration REFUSAL_LIFETIME = Duration.ofHours(1);

    /**
     * The entry for a new downstream token: it dies {@code skew} before the token expires and never
     * after the assertion does; it is refreshed from {@code refreshAhead} before its death, unless a
     * new token would die with the assertion anyway.
     */
    static CachedToken issued(OAuth2AccessToken token, Instant assertionExpiry, Duration skew, Duration refreshAhead, Instant now) {
        // The token's life (expires_in) counted on our clock: Spring dates the token by the system clock.
        Instant tokenExpiry = token.getExpiresAt() == null || token.getIssuedAt() == null ? now
                : now.plus(Duration.between(token.getIssuedAt(), token.getExpiresAt()));
        Instant diesAt = tokenExpiry.minus(skew);
        if (assertionExpiry != null && assertionExpiry.isBefore(diesAt)) {
            return new CachedToken(token, assertionExpiry, null, null);
        }
        return new CachedToken(token, diesAt, diesAt.minus(refreshAhead), null);
    }

    /** The entry for an assertion the identity provider refused (invalid, expired, revoked, its user disabled). */
    static CachedToken refused(Refusal refusal, Instant assertionExpiry, Instant now) {
        Instant longest = now.plus(REFUSAL_LIFETIME);
        // An assertion already past its exp stays refused: keep that the longest time too.
        boolean live = assertionExpiry != null && assertionExpiry.isAfter(now);
        return new CachedToken(null, live && assertionExpiry.isBefore(longest) ? assertionExpiry : longest, null, refusal);
    }

    /** How long the entry has left at {@code now}; zero once dead. */
    public Duration lifetimeFrom(Instant now) {
        Duration left = Duration.between(now, diesAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean aliveAt(Instant now) {
        return now.isBefore(diesAt);
    }

    boolean refreshDue(Instant now) {
        return refreshAt != null && !now.isBefore(refreshAt);
    }

    /** Whether this entry holds {@code other}'s token (by value). */
    boolean holds(OAuth2AccessToken other) {
        return token != null && token.getTokenValue().equals(other.getTokenValue());
    }

    /**
     * Why an assertion gets no token: the identity provider refused it ({@code downstream} null), or
     * the downstream API of that name answered its token with a claims challenge that no token from
     * this assertion can satisfy; with the description, and the claims (JSON) if any.
     */
    public record Refusal(String description, String claims, String downstream) {
    }
}
