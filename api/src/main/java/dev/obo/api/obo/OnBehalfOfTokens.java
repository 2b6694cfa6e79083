package dev.obo.api.obo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import dev.obo.api.ApiProperties;

/**
 * Tokens for the downstream API, On-Behalf-Of the caller, cached per incoming assertion.
 * <ul>
 * <li>key: SHA-256 of client id, scopes and the assertion, never the assertion itself;</li>
 * <li>an entry lives until the downstream token's expiry minus a skew, and never past the
 * assertion's own expiry; used within its refresh-ahead window, it is refreshed in the
 * background while the cached token is still served;</li>
 * <li>one token request in flight per key: concurrent first requests wait for the one;</li>
 * <li>a token the downstream API refused is evicted ({@link #evict}), never served again;</li>
 * <li>an assertion the identity provider refused (invalid or expired) is remembered as refused
 * until it expires, so that it costs one token request, not one per call;</li>
 * <li>bounded (Caffeine), with hit/miss metrics ({@code cache.gets{cache=obo.tokens}}).</li>
 * </ul>
 */
@Component
public class OnBehalfOfTokens {

    private static final Logger log = LoggerFactory.getLogger(OnBehalfOfTokens.class);

    private final OAuth2AuthorizedClientManager manager;
    private final ApiProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AsyncCache<String, Entry> cache;
    private final Map<String, CompletableFuture<Void>> refreshing = new ConcurrentHashMap<>();
    private final Timer requests;

    OnBehalfOfTokens(OAuth2AuthorizedClientManager manager, ApiProperties properties, Clock clock, MeterRegistry meters) {
        this.manager = manager;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.obo().cache().maximumSize())
                .expireAfter(Expiry.<String, Entry>writing((key, entry) -> entry.lifetimeFrom(clock.instant())))
                .recordStats()
                .buildAsync();
        CaffeineCacheMetrics.monitor(meters, cache.synchronous(), "obo.tokens");
        this.requests = Timer.builder("obo.requests.duration").description("On-Behalf-Of token requests").register(meters);
    }

    /**
     * The downstream token for the caller of this request, and whether it came from the cache.
     * The token request runs in the calling thread but outside the cache's map: the map holds
     * only its future, so a slow request never blocks other keys, and concurrent callers with
     * the same key wait on the one future.
     */
    public Acquired acquire(JwtAuthenticationToken caller) {
        String key = key(caller.getToken().getTokenValue());
        // getIfPresent records the hit or miss; putIfAbsent makes this caller the one that fetches.
        CompletableFuture<Entry> shared = cache.getIfPresent(key);
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        if (shared == null) {
            shared = cache.asMap().putIfAbsent(key, mine);
        }
        if (shared == null) {
            try {
                mine.complete(fetch(caller));
            } catch (AssertionRefusedException e) {
                // Refused as invalid or expired, the assertion never becomes good: remember that, so
                // concurrent and later callers with it hear the same without asking the identity provider again.
                mine.complete(Entry.refused(e, caller.getToken().getExpiresAt(), clock.instant()));
                throw e;
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            }
            return new Acquired(mine.join().token(), false);
        }
        Entry entry = join(shared);
        if (entry.refusal() != null) {
            throw new AssertionRefusedException(entry.refusal());
        }
        if (entry.refreshDue(clock.instant())) {
            refreshInBackground(key, caller);
        }
        return new Acquired(entry.token(), true);
    }

    /**
     * Forgets {@code refused}, the caller's cached token that the downstream API refused (401): it
     * was revoked, or signed by a key the identity provider no longer has, and must not be served
     * again. Only that token is forgotten: if another request already put a new one, it stays.
     * The next {@link #acquire} goes On-Behalf-Of again, one request for all concurrent callers.
     */
    public void evict(JwtAuthenticationToken caller, OAuth2AccessToken refused) {
        String key = key(caller.getToken().getTokenValue());
        boolean[] evicted = {false};
        cache.asMap().computeIfPresent(key, (k, future) -> {
            evicted[0] = holds(future, refused);
            return evicted[0] ? null : future;
        });
        if (evicted[0]) {
            log.info("event=obo_token_evicted reason=downstream_refused");
        }
    }

    private static boolean holds(CompletableFuture<Entry> future, OAuth2AccessToken token) {
        if (!future.isDone() || future.isCompletedExceptionally()) {
            return false;
        }
        OAuth2AccessToken held = future.join().token();
        return held != null && held.getTokenValue().equals(token.getTokenValue());
    }

    private static Entry join(CompletableFuture<Entry> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Entry fetch(JwtAuthenticationToken caller) {
        String tid = caller.getToken().getClaimAsString("tid");
        OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(TenantRegistrations.PREFIX + (tid == null ? "common" : tid))
                .principal(caller).build();
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            OAuth2AuthorizedClient client = manager.authorize(request);
            if (client == null) {
                throw new OnBehalfOfException("the identity provider gave no token");
            }
            outcome = "issued";
            return entry(client.getAccessToken(), caller.getToken().getExpiresAt());
        } catch (OnBehalfOfException e) {
            outcome = e.getClass().getSimpleName();
            throw e;
        } catch (OAuth2AuthorizationException e) {
            Throwable cause = e.getCause() instanceof OnBehalfOfException obo ? obo : null;
            if (cause != null) {
                outcome = cause.getClass().getSimpleName();
                throw (OnBehalfOfException) cause;
            }
            outcome = "IdentityProviderUnavailableException";
            throw new IdentityProviderUnavailableException("On-Behalf-Of failed: " + e.getError().getErrorCode(), e);
        } finally {
            sample.stop(requests);
            meters.counter("obo.requests", "outcome", outcome).increment();
            log.info("event=obo_request outcome={} tenant={}", outcome, tid);
        }
    }

    private Entry entry(OAuth2AccessToken token, Instant assertionExpiry) {
        ApiProperties.Cache settings = properties.obo().cache();
        Instant tokenExpiry = token.getExpiresAt() == null ? clock.instant() : token.getExpiresAt();
        Instant diesAt = tokenExpiry.minus(settings.expirySkew());
        Instant refreshAt = null;
        if (assertionExpiry != null && assertionExpiry.isBefore(diesAt)) {
            // A new token would die with the assertion too: refreshing it early gains nothing.
            diesAt = assertionExpiry;
        } else {
            refreshAt = diesAt.minus(settings.refreshAhead());
        }
        return new Entry(token, diesAt, refreshAt);
    }

    private void refreshInBackground(String key, JwtAuthenticationToken caller) {
        refreshing.computeIfAbsent(key, k -> CompletableFuture.runAsync(() -> cache.put(key, CompletableFuture.completedFuture(fetch(caller))))
                .whenComplete((done, failure) -> {
                    refreshing.remove(key);
                    if (failure != null) {
                        log.info("event=obo_refresh_failed reason=\"{}\"", failure.getMessage());
                    }
                }));
    }

    private String key(String assertion) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(properties.clientId().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(String.join(" ", properties.obo().scopes()).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            return HexFormat.of().formatHex(sha256.digest(assertion.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A downstream token and whether the cache had it. */
    public record Acquired(OAuth2AccessToken token, boolean cacheHit) {}

    /**
     * A cached token, when it dies, and from when its use triggers a background refresh (null:
     * never); or, with no token, the identity provider's refusal of the assertion, kept until the
     * assertion expires (at most {@link #REFUSAL_LIFETIME}).
     */
    record Entry(OAuth2AccessToken token, Instant diesAt, Instant refreshAt, String refusal) {

        static final Duration REFUSAL_LIFETIME = Duration.ofHours(1);

        Entry(OAuth2AccessToken token, Instant diesAt, Instant refreshAt) {
            this(token, diesAt, refreshAt, null);
        }

        static Entry refused(AssertionRefusedException e, Instant assertionExpiry, Instant now) {
            Instant longest = now.plus(REFUSAL_LIFETIME);
            Instant until = assertionExpiry != null && assertionExpiry.isBefore(longest) ? assertionExpiry : longest;
            return new Entry(null, until, null, e.getMessage());
        }

        Duration lifetimeFrom(Instant now) {
            Duration left = Duration.between(now, diesAt);
            return left.isNegative() ? Duration.ZERO : left;
        }

        boolean refreshDue(Instant now) {
            return refreshAt != null && !now.isBefore(refreshAt);
        }
    }
}
