package dev.obo.onbehalf.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dev.obo.onbehalf.OnBehalfOfException;
import dev.obo.onbehalf.OnBehalfOfProperties;

/**
 * Tokens for the downstream APIs, On-Behalf-Of the caller, cached per incoming assertion:
 * <ul>
 * <li>key: SHA-256 of client id, downstream name, its scopes and the assertion, never the
 * assertion itself; the entries live in an {@link OnBehalfOfTokenStore};</li>
 * <li>an entry lives until the downstream token's expiry minus a skew, and never past the
 * assertion's own expiry; used within its refresh-ahead window, it is refreshed in the
 * background while the cached token is still served;</li>
 * <li>one token request in flight per key: concurrent first requests wait for the one and share
 * its answer, token or failure;</li>
 * <li>a token the downstream API refused is evicted ({@link #evict}), never served again; one it
 * answered with a claims challenge ({@link #challenged}) is replaced by that challenge until the
 * assertion expires;</li>
 * <li>an assertion the identity provider refused (invalid or expired) is remembered as refused
 * until it expires, so that it costs one token request, not one per call;</li>
 * <li>metrics: {@code cache.gets{cache=obo.tokens,result=hit|miss}}, {@code obo.requests{outcome}}
 * and the timer {@code obo.requests.duration}.</li>
 * </ul>
 * Time comes from the injected {@link Clock}.
 */
public class OnBehalfOfTokens {

    /** The cache's name in its metrics. */
    public static final String CACHE_NAME = "obo.tokens";
    private static final Logger log = LoggerFactory.getLogger(OnBehalfOfTokens.class);

    private final OAuth2AuthorizedClientManager manager;
    private final OnBehalfOfProperties properties;
    private final OnBehalfOfTokenStore store;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, byte[]> keyPrefixes;
    private final Map<String, CompletableFuture<CachedToken>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> refreshing = new ConcurrentHashMap<>();
    private final Counter hits;
    private final Counter misses;
    private final Timer requests;

    public OnBehalfOfTokens(OAuth2AuthorizedClientManager manager, OnBehalfOfProperties properties, OnBehalfOfTokenStore store,
                            Clock clock, MeterRegistry meters) {
        this.manager = manager;
        this.properties = properties;
        this.store = store;
        this.clock = clock;
        this.meters = meters;
        this.keyPrefixes = keyPrefixes(properties);
        this.hits = Counter.builder("cache.gets").tag("cache", CACHE_NAME).tag("result", "hit").register(meters);
        this.misses = Counter.builder("cache.gets").tag("cache", CACHE_NAME).tag("result", "miss").register(meters);
        this.requests = Timer.builder("obo.requests.duration").description("On-Behalf-Of token requests").register(meters);
    }

    /**
     * The token for {@code downstream}, On-Behalf-Of {@code caller}, and whether it came from the
     * cache (or from a request already in flight for it). The token request runs in the calling
     * thread; concurrent callers with the same key wait for it.
     */
    public Acquired acquire(String downstream, JwtAuthenticationToken caller) {
        String assertion = caller.getToken().getTokenValue();
        String key = key(downstream, assertion);
        Instant now = clock.instant();
        CachedToken cached = live(store.get(key, assertion), now);
        if (cached != null) {
            hits.increment();
            refuseIfRefused(cached);
            if (cached.refreshDue(now)) {
                refreshInBackground(key, downstream, caller, cached);
            }
            return new Acquired(cached.token(), true);
        }
        misses.increment();
        CompletableFuture<CachedToken> mine = new CompletableFuture<>();
        CompletableFuture<CachedToken> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            CachedToken shared = join(running);
            refuseIfRefused(shared);
            return new Acquired(shared.token(), true);
        }
        try {
            // The one that just finished may have stored its token between our miss and our turn.
            CachedToken stored = live(store.get(key, assertion), now);
            boolean[] requested = {false};
            CachedToken fetched = stored != null ? stored : store.fetchOnce(key, assertion, () -> {
                requested[0] = true;
                return fetchAndStore(key, downstream, caller);
            });
            mine.complete(fetched);
            refuseIfRefused(fetched);
            return new Acquired(fetched.token(), !requested[0]);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /**
     * Forgets {@code refused}, the caller's cached token that {@code downstream} refused (401): it
     * was revoked, or signed by a key the identity provider no longer has, and must not be served
     * again. Only that token is forgotten: if another request already put a new one, it stays.
     * The next {@link #acquire} goes On-Behalf-Of again, one request for all concurrent callers.
     */
    public void evict(String downstream, JwtAuthenticationToken caller, OAuth2AccessToken refused) {
        String assertion = caller.getToken().getTokenValue();
        String key = key(downstream, assertion);
        CachedToken cached = store.get(key, assertion);
        if (cached != null && cached.holds(refused) && store.remove(key, assertion, cached)) {
            log.info("event=obo_token_evicted downstream={} reason=downstream_refused", downstream);
        }
    }

    /**
     * Remembers that {@code downstream} answered the caller's token with a claims challenge
     * (continuous access evaluation): the token is dropped, and until the assertion expires every
     * {@link #acquire} for it raises the same challenge without a token request, since no token got
     * On-Behalf-Of this assertion can satisfy a demand for a newer sign-in.
     */
    public void challenged(String downstream, JwtAuthenticationToken caller, String claims) {
        String assertion = caller.getToken().getTokenValue();
        store.put(key(downstream, assertion), assertion, CachedToken.refused(
                new CachedToken.Refusal("the downstream API " + downstream + " answered a claims challenge", claims, downstream),
                caller.getToken().getExpiresAt(), clock.instant()));
        log.info("event=obo_token_evicted downstream={} reason=downstream_claims_challenge", downstream);
    }

    private CachedToken live(CachedToken entry, Instant now) {
        return entry != null && entry.aliveAt(now) ? entry : null;
    }

    private static void refuseIfRefused(CachedToken entry) {
        CachedToken.Refusal refusal = entry.refusal();
        if (refusal != null && refusal.downstream() != null) {
            throw new DownstreamClaimsChallengeException(refusal.downstream(), refusal.claims());
        }
        if (refusal != null) {
            throw new AssertionRefusedException(refusal.description(), refusal.claims());
        }
    }

    private CachedToken fetchAndStore(String key, String downstream, JwtAuthenticationToken caller) {
        CachedToken entry;
        try {
            entry = fetch(downstream, caller);
        } catch (AssertionRefusedException e) {
            // Refused as invalid or expired, the assertion never becomes good: remember that.
            entry = CachedToken.refused(new CachedToken.Refusal(e.getMessage(), e.claims(), null), caller.getToken().getExpiresAt(), clock.instant());
        }
        store.put(key, caller.getToken().getTokenValue(), entry);
        return entry;
    }

    private CachedToken fetch(String downstream, JwtAuthenticationToken caller) {
        String tid = caller.getToken().getClaimAsString("tid");
        OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest
                .withClientRegistrationId(TenantRegistrations.registrationId(downstream, tid)).principal(caller).build();
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            OAuth2AuthorizedClient client = manager.authorize(request);
            if (client == null) {
                throw new OnBehalfOfException("the identity provider gave no token");
            }
            outcome = "issued";
            OnBehalfOfProperties.Cache settings = properties.cache();
            return CachedToken.issued(client.getAccessToken(), caller.getToken().getExpiresAt(), settings.expirySkew(),
                    settings.refreshAhead(), clock.instant());
        } catch (OnBehalfOfException e) {
            outcome = e.getClass().getSimpleName();
            throw e;
        } catch (OAuth2AuthorizationException e) {
            if (e.getCause() instanceof OnBehalfOfException cause) {
                outcome = cause.getClass().getSimpleName();
                throw cause;
            }
            outcome = IdentityProviderUnavailableException.class.getSimpleName();
            throw new IdentityProviderUnavailableException("On-Behalf-Of failed: " + e.getError().getErrorCode(), e);
        } finally {
            sample.stop(requests);
            meters.counter("obo.requests", "outcome", outcome, "downstream", downstream).increment();
            log.info("event=obo_request outcome={} downstream={} tenant={}", outcome, downstream, tid);
        }
    }

    private void refreshInBackground(String key, String downstream, JwtAuthenticationToken caller, CachedToken current) {
        refreshing.computeIfAbsent(key, k -> CompletableFuture
                .runAsync(() -> store.refreshOnce(key, caller.getToken().getTokenValue(), current, () -> fetch(downstream, caller)))
                .whenComplete((done, failure) -> {
                    refreshing.remove(key);
                    if (failure != null) {
                        log.info("event=obo_refresh_failed downstream={} reason=\"{}\"", downstream, failure.getMessage());
                    }
                }));
    }

    private static CachedToken join(CompletableFuture<CachedToken> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private String key(String downstream, String assertion) {
        byte[] prefix = keyPrefixes.get(downstream);
        if (prefix == null) {
            properties.downstream(downstream); // names the downstream APIs there are
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prefix);
            return HexFormat.of().formatHex(sha256.digest(assertion.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per downstream API: client id, name and scopes, each line-terminated; the assertion follows. */
    private static Map<String, byte[]> keyPrefixes(OnBehalfOfProperties properties) {
        Map<String, byte[]> prefixes = new HashMap<>();
        properties.downstream().forEach((name, api) -> prefixes.put(name,
                (properties.clientId() + "\n" + name + "\n" + String.join(" ", api.scopes()) + "\n").getBytes(StandardCharsets.UTF_8)));
        return Map.copyOf(prefixes);
    }

    /** A downstream token and whether the cache (or a request in flight) had it. */
    public record Acquired(OAuth2AccessToken token, boolean cacheHit) {}
}
