package dev.obo.onbehalf.token;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The downstream tokens in this process's memory: a bounded Caffeine cache whose entries expire
 * at their own {@link CachedToken#diesAt()}, by the injected clock. Its size is the gauge
 * {@code cache.size{cache=obo.tokens}}.
 * <p>
 * An entry kept is mostly its token's text: the token's scopes are one shared set per distinct set
 * of scopes (a downstream API's token has the same scopes for every user), not a set per entry.
 */
public final class CaffeineTokenStore implements OnBehalfOfTokenStore {

    /** The most distinct scope sets shared; tokens with others keep their own (an identity provider has no reason to vary them). */
    private static final int SHARED_SCOPE_SETS = 256;

    private final Cache<String, CachedToken> entries;
    private final Map<Set<String>, Set<String>> scopeSets = new ConcurrentHashMap<>();

    public CaffeineTokenStore(long maximumSize, Clock clock, MeterRegistry meters) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<String, CachedToken>writing((key, entry) -> entry.lifetimeFrom(clock.instant())))
                .build();
        Gauge.builder("cache.size", entries, Cache::estimatedSize).tag("cache", OnBehalfOfTokens.CACHE_NAME)
                .description("Downstream tokens kept").register(meters);
    }

    @Override
    public CachedToken get(String key, String assertion) {
        return entries.getIfPresent(key);
    }

    @Override
    public void put(String key, String assertion, CachedToken entry) {
        entries.put(key, withSharedScopes(entry));
    }

    @Override
    public boolean remove(String key, String assertion, CachedToken entry) {
        return entries.asMap().remove(key, entry);
    }

    /** {@code entry}, its token's scopes the shared (unmodifiable) set equal to them. */
    private CachedToken withSharedScopes(CachedToken entry) {
        OAuth2AccessToken token = entry.token();
        if (token == null) {
            return entry;
        }
        Set<String> scopes = token.getScopes();
        Set<String> shared = scopeSets.get(scopes);
        if (shared == null && scopeSets.size() < SHARED_SCOPE_SETS) {
            shared = scopeSets.computeIfAbsent(Set.copyOf(scopes), copy -> Collections.unmodifiableSet(new LinkedHashSet<>(scopes)));
        }
        if (shared == null || shared == scopes) {
            return entry;
        }
        // OAuth2AccessToken keeps an unmodifiable set as it is (JDK 17's Collections.unmodifiableSet does not wrap twice).
        OAuth2AccessToken sharing = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), token.getIssuedAt(),
                token.getExpiresAt(), shared);
        return new CachedToken(sharing, entry.diesAt(), entry.refreshAt(), entry.refusal());
    }
}
