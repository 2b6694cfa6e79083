package dev.obo.sandbox.identity.jose;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.IdentityProperties;

/**
 * The tenant's RSA signing keys and their rollover. Three kinds of key are published in
 * the JWKS: the <em>current</em> key, which signs; the <em>next</em> key, published
 * before it signs so that relying parties that cache the JWKS already know it; and
 * <em>retired</em> keys, kept until every token they signed has expired.
 */
@Component
public class SigningKeys {

    private final Clock clock;
    private final IdentityProperties properties;
    private RSAKey current;
    private RSAKey next;
    private final List<Retired> retired = new ArrayList<>();

    SigningKeys(Clock clock, IdentityProperties properties) {
        this.clock = clock;
        this.properties = properties;
        this.current = generate();
        this.next = generate();
    }

    /** The key that signs now (private part included). */
    public synchronized RSAKey current() {
        return current;
    }

    /** Every key a token may be verified with: current, next and not-yet-expired retired keys (public parts). */
    public synchronized JWKSet published() {
        dropExpired();
        List<JWK> keys = new ArrayList<>();
        keys.add(current.toPublicJWK());
        keys.add(next.toPublicJWK());
        retired.forEach(r -> keys.add(r.key().toPublicJWK()));
        return new JWKSet(keys);
    }

    /** The published public key with this {@code kid}. */
    public synchronized Optional<RSAKey> find(String kid) {
        dropExpired();
        if (current.getKeyID().equals(kid)) {
            return Optional.of(current.toPublicJWK());
        }
        if (next.getKeyID().equals(kid)) {
            return Optional.of(next.toPublicJWK());
        }
        return retired.stream().map(Retired::key).filter(k -> k.getKeyID().equals(kid)).map(RSAKey::toPublicJWK).findFirst();
    }

    /**
     * Rolls the keys over: the next key starts signing, a new next key is published, and the
     * old current key stays published for one access-token lifetime.
     */
    public synchronized RSAKey rotate() {
        Instant keepUntil = clock.instant().plus(properties.accessTokenLifetime()).plus(properties.clockSkew());
        retired.add(new Retired(current, keepUntil));
        current = next;
        next = generate();
        return current;
    }

    private void dropExpired() {
        Instant now = clock.instant();
        retired.removeIf(r -> r.keepUntil().isBefore(now));
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
                    .keyID(UUID.randomUUID().toString().replace("-", "")).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA signing key", e);
        }
    }

    private record Retired(RSAKey key, Instant keepUntil) {}
}
