package dev.obo.onbehalf.token;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The downstream tokens in this process's memory: a bounded Caffeine cache whose entries expire
 * at their own {@link CachedToken#diesAt()}, by the injected clock. Its size is the gauge
 * {@code cache.size{cache=obo.tokens}}.
 */
public final class CaffeineTokenStore implements OnBehalfOfTokenStore {

    private final Cache<String, CachedToken> entries;

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
        entries.put(key, entry);
    }

    @Override
    public boolean remove(String key, String assertion, CachedToken entry) {
        return entries.asMap().remove(key, entry);
    }
}
