package dev.obo.onbehalf.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.obo.onbehalf.token.CachedToken;
import dev.obo.onbehalf.token.OnBehalfOfTokenStore;
import dev.obo.onbehalf.token.OnBehalfOfTokens;

/**
 * Downstream tokens on two levels: this process's memory (L1, {@code l1}) in front of Redis (L2),
 * which all instances share. An entry goes to both; a miss in memory asks Redis and keeps what it
 * finds in memory too. In Redis an entry is under {@code <prefix><cache key>} (the SHA-256 key, never
 * the assertion), sealed by {@link EntryCipher} under the caller's assertion, with a TTL of the
 * entry's own life, which never passes the assertion's {@code exp}: Redis holds nothing dead and no
 * token text.
 * <p>
 * One token request per assertion across instances: the instance that misses takes a short lock
 * ({@code SET <prefix>lock:<key> NX PX <lock-ttl>}) and makes the request; the others wait for its entry
 * in Redis, and go on their own when the lock is gone without one (its holder failed or died: that
 * costs at most the lock's TTL). Redis failing or slow fails no request ({@link RedisAvailability}):
 * memory serves, or the request goes On-Behalf-Of itself.
 */
public final class TwoLevelTokenStore implements OnBehalfOfTokenStore {

    private static final Logger log = LoggerFactory.getLogger(TwoLevelTokenStore.class);
    private static final Duration POLL = Duration.ofMillis(10);
    // Deletes the lock only if it is still ours: an expired lock may already be another instance's.
    private static final RedisScript<Long> UNLOCK = RedisScript.of(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", Long.class);

    private final OnBehalfOfTokenStore l1;
    private final RedisTemplate<String, byte[]> redis;
    private final L2Properties properties;
    private final Clock clock;
    private final RedisAvailability availability;
    private final EntryCipher cipher = new EntryCipher();
    private final EntryCodec codec = new EntryCodec();
    private final Counter hits;
    private final Counter misses;

    public TwoLevelTokenStore(OnBehalfOfTokenStore l1, RedisTemplate<String, byte[]> redis, L2Properties properties, Clock clock,
                              MeterRegistry meters) {
        this.l1 = l1;
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
        this.availability = new RedisAvailability(clock, properties, meters);
        String l2 = OnBehalfOfTokens.CACHE_NAME + ".l2";
        this.hits = Counter.builder("cache.gets").tag("cache", l2).tag("result", "hit").register(meters);
        this.misses = Counter.builder("cache.gets").tag("cache", l2).tag("result", "miss").register(meters);
    }

    /**
     * Opens the connection before the first request needs it: the first connection of a fresh JVM
     * can take longer than the command timeout to set up, and would otherwise cost the first
     * requests their Redis (and a WARN). Quiet: a Redis that is down shows on first use.
     */
    public void warmUp() {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                redis.hasKey(properties.keyPrefix() + "warm-up");
                return;
            } catch (RuntimeException notYet) {
                log.debug("event=l2_warm_up attempt={} reason=\"{}\"", attempt + 1, notYet.getMessage());
                sleep(Duration.ofMillis(100));
            }
        }
    }

    @Override
    public CachedToken get(String key, String assertion) {
        CachedToken inMemory = l1.get(key, assertion);
        if (inMemory != null) {
            return inMemory;
        }
        CachedToken shared = fromRedis(key, assertion);
        if (shared != null) {
            l1.put(key, assertion, shared);
        }
        return shared;
    }

    @Override
    public void put(String key, String assertion, CachedToken entry) {
        l1.put(key, assertion, entry);
        Duration life = entry.lifetimeFrom(clock.instant());
        if (!life.isZero()) {
            byte[] sealed = cipher.seal(key, assertion, codec.encode(entry));
            availability.run(() -> redis.opsForValue().set(properties.keyPrefix() + key, sealed, life));
        }
    }

    @Override
    public boolean remove(String key, String assertion, CachedToken entry) {
        boolean removed = l1.remove(key, assertion, entry);
        // Only the same token: a newer one another instance put stays. Another instance may still hold the
        // refused token in its memory: it forgets it on its own downstream 401.
        CachedToken shared = fromRedis(key, assertion);
        if (shared != null && sameToken(shared, entry)) {
            availability.run(() -> redis.delete(properties.keyPrefix() + key));
        }
        return removed;
    }

    @Override
    public CachedToken fetchOnce(String key, String assertion, Supplier<CachedToken> fetch) {
        String lock = properties.keyPrefix() + "lock:" + key;
        String owner = UUID.randomUUID().toString();
        Instant giveUp = clock.instant().plus(properties.lockTtl());
        while (true) {
            Boolean mine = availability.call(
                    () -> redis.opsForValue().setIfAbsent(lock, owner.getBytes(), properties.lockTtl()), null);
            if (mine == null) {
                return fetch.get(); // Redis is away: this instance asks on its own
            }
            if (mine) {
                try {
                    CachedToken stored = fromRedis(key, assertion); // the holder before us may have just finished
                    return stored != null ? cached(key, assertion, stored) : fetch.get();
                } finally {
                    availability.run(() -> redis.execute(UNLOCK, List.of(lock), (Object) owner.getBytes()));
                }
            }
            CachedToken theirs = awaitHolder(key, assertion, lock, giveUp);
            if (theirs != null) {
                return cached(key, assertion, theirs);
            }
            if (!clock.instant().isBefore(giveUp)) {
                return fetch.get();
            }
        }
    }

    /**
     * One refresh across instances: the instance that takes the lock refreshes, unless Redis already
     * holds a newer entry (another instance refreshed), which it then takes; an instance that finds
     * the lock taken leaves the refresh to its holder and serves the current entry meanwhile. Without
     * Redis it refreshes on its own.
     */
    @Override
    public void refreshOnce(String key, String assertion, CachedToken current, Supplier<CachedToken> fetch) {
        String lock = properties.keyPrefix() + "lock:" + key;
        String owner = UUID.randomUUID().toString();
        Boolean mine = availability.call(() -> redis.opsForValue().setIfAbsent(lock, owner.getBytes(), properties.lockTtl()), null);
        if (mine == null) {
            put(key, assertion, fetch.get());
            return;
        }
        if (!mine) {
            return;
        }
        try {
            CachedToken shared = fromRedis(key, assertion);
            if (shared != null && shared.diesAt().isAfter(current.diesAt())) {
                l1.put(key, assertion, shared);
            } else {
                put(key, assertion, fetch.get());
            }
        } finally {
            availability.run(() -> redis.execute(UNLOCK, List.of(lock), (Object) owner.getBytes()));
        }
    }

    // Waits while the lock is held, for the holder's entry; null when the lock went without one.
    private CachedToken awaitHolder(String key, String assertion, String lock, Instant giveUp) {
        while (clock.instant().isBefore(giveUp)) {
            sleep(POLL);
            CachedToken entry = fromRedis(key, assertion);
            if (entry != null) {
                return entry;
            }
            Boolean held = availability.call(() -> redis.hasKey(lock), null);
            if (held == null || !held) {
                return null;
            }
        }
        return null;
    }

    private static boolean sameToken(CachedToken one, CachedToken other) {
        return one.token() != null && other.token() != null && one.token().getTokenValue().equals(other.token().getTokenValue());
    }

    private CachedToken cached(String key, String assertion, CachedToken entry) {
        l1.put(key, assertion, entry);
        return entry;
    }

    private CachedToken fromRedis(String key, String assertion) {
        byte[] value = availability.call(() -> redis.opsForValue().get(properties.keyPrefix() + key), null);
        if (value == null) {
            misses.increment();
            return null;
        }
        CachedToken entry = availability.call(() -> codec.decode(cipher.open(key, assertion, value)), null);
        if (entry == null || !entry.aliveAt(clock.instant())) {
            misses.increment();
            return null;
        }
        hits.increment();
        return entry;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another instance's token request", e);
        }
    }
}
