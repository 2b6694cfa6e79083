package dev.obo.onbehalf.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Inbound tokens already verified, so that a token seen again (a client sends the same
 * access token for its whole life) is not parsed and its RSA signature not checked again.
 * <ul>
 * <li>Only a token the verifier accepted is remembered; a refused one never is.</li>
 * <li>Looked up by the exact token string: any other string, however alike, is verified in full.</li>
 * <li>Its claims (exp/nbf with the skew, iss, aud, user) are validated again on every use.</li>
 * <li>An entry lives at most {@code ttl} and never past the token's {@code exp}; and when a
 * refresh of the identity provider's JWKS no longer has the key that signed it, it is
 * forgotten at once ({@link #forgetSignedBy}), so a withdrawn key stops its tokens.</li>
 * <li>Bounded, with hit/miss metrics ({@code cache.gets{cache=verified.tokens}}).</li>
 * </ul>
 * Measured in the benchmark: parsing and verification were about a tenth of the API's CPU per
 * request on the hot path (docs/benchmarks.md).
 */
final class VerifiedTokens implements JwtDecoder {

    private static final String MESSAGE = "An error occurred while attempting to decode the Jwt: %s";

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, Duration ttl, long maximumSize, Clock clock,
                   MeterRegistry meters) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetime(jwt, ttl, clock.instant())))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, verified, "verified.tokens");
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt == null) {
            // Parses, checks the signature against the JWKS and validates; throws when refused.
            jwt = verifier.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException(message(result.getErrors()), result.getErrors());
        }
        return jwt;
    }

    /** Forgets every remembered token signed with one of {@code kids}: the identity provider no longer publishes them. */
    void forgetSignedBy(Set<String> kids) {
        verified.asMap().values().removeIf(jwt -> kids.contains(String.valueOf(jwt.getHeaders().get("kid"))));
    }

    private static Duration lifetime(Jwt jwt, Duration ttl, Instant now) {
        if (jwt.getExpiresAt() == null) {
            return ttl;
        }
        Duration left = Duration.between(now, jwt.getExpiresAt());
        return left.isNegative() ? Duration.ZERO : left.compareTo(ttl) < 0 ? left : ttl;
    }

    /** The message {@code NimbusJwtDecoder} gives for the same refusal, so both paths answer alike. */
    private static String message(Collection<OAuth2Error> errors) {
        return errors.stream().map(OAuth2Error::getDescription).filter(d -> d != null && !d.isEmpty()).findFirst()
                .map(d -> String.format(MESSAGE, d)).orElse("Unable to validate Jwt");
    }
}
