package dev.obo.sandbox.identity;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * The issuers the sandbox has put in its tokens, and the base URL it last issued a token
 * under. With no {@code base-url} set, a token's issuer names the host it was issued through
 * ({@code localhost}, {@code 127.0.0.1}, a proxy's host), and the token may come back through
 * another: to ARM called as {@code management.azure.com}, or to the token endpoint through
 * another name. Entra names one issuer whichever of its hosts issued a token, and ARM accepts
 * it on any host; so the sandbox recognises its issuers by having issued them, never by the
 * host it is called on now. Kept in memory, like the signing keys, at most {@value #LIMIT}
 * (the least used go first), so that a flood of Host headers cannot grow it.
 */
@Component
class IssuerHistory {

    static final int LIMIT = 128;

    private final Cache<String, Boolean> issuers = Caffeine.newBuilder().maximumSize(LIMIT).build();
    private final AtomicReference<String> latestBase = new AtomicReference<>();

    void issued(String base, String issuer) {
        issuers.put(issuer, Boolean.TRUE);
        latestBase.set(base);
    }

    boolean hasIssued(String issuer) {
        return issuer != null && issuers.getIfPresent(issuer) != null;
    }

    Optional<String> latestBase() {
        return Optional.ofNullable(latestBase.get());
    }
}
