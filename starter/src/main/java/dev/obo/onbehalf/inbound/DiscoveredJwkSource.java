package dev.obo.onbehalf.inbound;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RetryingJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.events.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The identity provider's signing keys, found through its discovery document on first use (so
 * the API starts even while the identity provider is down), then kept by Nimbus's caching
 * sources:
 * <ul>
 * <li>refreshed in the background every {@code refreshInterval}, whether or not tokens arrive,
 * so that a rolled-over key is known before its first token;</li>
 * <li>still answering from the last good key set during an outage (a fetch is retried once);</li>
 * <li>fetched again on demand for an unknown {@code kid} at most once per
 * {@code unknownKidRefetchInterval}. An unknown {@code kid} after that recent fetch is not a key
 * of the identity provider: no key is selected and the token is invalid (401). Only when no key
 * set could ever be fetched does a lookup fail (503).</li>
 * </ul>
 * Listeners hear which {@code kid}s a refresh withdrew, so that tokens verified with them are forgotten.
 */
final class DiscoveredJwkSource implements JWKSource<SecurityContext>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DiscoveredJwkSource.class);
    // Nimbus's default for how long a blocking fetch may take; the last good keys serve through an outage of up to a year.
    private static final long REFRESH_TIMEOUT_MS = JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT;
    private static final long OUTAGE_TOLERANCE_MS = Duration.ofDays(365).toMillis();

    private final URI discoveryUri;
    private final RestClient http;
    private final Clock clock;
    private final Duration refreshInterval;
    private final Duration unknownKidRefetchInterval;
    private final List<Consumer<Set<String>>> withdrawalListeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<Refetch> lastRefetch = new AtomicReference<>(Refetch.NONE);
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "signing-keys-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CachingJWKSetSource<SecurityContext> keys;
    private Set<String> knownKids = Set.of();

    DiscoveredJwkSource(URI discoveryUri, RestClient http, Clock clock, Duration refreshInterval, Duration unknownKidRefetchInterval) {
        this.discoveryUri = discoveryUri;
        this.http = http;
        this.clock = clock;
        this.refreshInterval = refreshInterval;
        this.unknownKidRefetchInterval = unknownKidRefetchInterval;
    }

    /** Tells {@code listener} the {@code kid}s that a refresh of the key set no longer found. */
    void onWithdrawn(Consumer<Set<String>> listener) {
        withdrawalListeners.add(listener);
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSetSource<SecurityContext> source = keys();
        long now = clock.millis();
        JWKSet cached = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
        List<JWK> selected = selector.select(cached);
        return selected.isEmpty() ? selector.select(refetched(source, cached, now, context)) : selected;
    }

    /**
     * The key set fetched again for an unknown {@code kid}: by this caller if none was fetched
     * within the interval, else the recent fetch's (waiting for it while it runs).
     */
    private JWKSet refetched(JWKSetSource<SecurityContext> source, JWKSet cached, long now, SecurityContext context)
            throws KeySourceException {
        Refetch last = lastRefetch.get();
        if (now - last.at() >= unknownKidRefetchInterval.toMillis()) {
            Refetch mine = new Refetch(now, new CompletableFuture<>());
            if (lastRefetch.compareAndSet(last, mine)) {
                try {
                    mine.keys().complete(source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(cached), now, context));
                } catch (KeySourceException | RuntimeException e) {
                    mine.keys().completeExceptionally(e);
                }
            }
            last = lastRefetch.get();
        }
        try {
            return last.keys().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof KeySourceException cause ? cause : new KeySourceException("cannot fetch the signing keys", e);
        }
    }

    private CachingJWKSetSource<SecurityContext> keys() throws KeySourceException {
        CachingJWKSetSource<SecurityContext> source = keys;
        if (source == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = build(jwksUri());
                }
                source = keys;
            }
        }
        return source;
    }

    private URI jwksUri() throws KeySourceException {
        try {
            Map<String, Object> metadata = http.get().uri(discoveryUri).retrieve()
                    .body(new ParameterizedTypeReference<Map<String, Object>>() { });
            Object jwksUri = metadata == null ? null : metadata.get("jwks_uri");
            if (!(jwksUri instanceof String uri)) {
                throw new KeySourceException("the discovery document " + discoveryUri + " has no jwks_uri");
            }
            return URI.create(uri);
        } catch (RestClientException e) {
            throw new KeySourceException("cannot read the discovery document " + discoveryUri + ": " + e.getMessage(), e);
        }
    }

    // NOTE: not JWKSourceBuilder: its rate limit sits under the cache and would also hold back a
    // refresh, so a storm of forged kids would keep a rolled-over key out for its whole interval.
    // And not Nimbus's scheduled refresh-ahead: one failed scheduled refresh (the identity provider
    // restarting) ends its schedule until the cache expires.
    private CachingJWKSetSource<SecurityContext> build(URI jwksUri) throws KeySourceException {
        try {
            JWKSetSource<SecurityContext> fetched = new URLBasedJWKSetSource<>(jwksUri.toURL(), new DefaultResourceRetriever(
                    JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT, JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT,
                    JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT));
            JWKSetSource<SecurityContext> tolerant = new OutageTolerantJWKSetSource<>(new RetryingJWKSetSource<>(fetched, null),
                    OUTAGE_TOLERANCE_MS, null);
            CachingJWKSetSource<SecurityContext> cached = new CachingJWKSetSource<>(tolerant,
                    2 * refreshInterval.toMillis() + REFRESH_TIMEOUT_MS, REFRESH_TIMEOUT_MS, this::refreshed);
            refresher.scheduleWithFixedDelay(() -> refresh(cached), refreshInterval.toMillis(), refreshInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
            return cached;
        } catch (MalformedURLException e) {
            throw new KeySourceException("jwks_uri is not a URL: " + jwksUri, e);
        }
    }

    /** The background refresh: during an outage the last good keys stay (outage-tolerant), and the next run tries again. */
    private void refresh(CachingJWKSetSource<SecurityContext> cached) {
        try {
            long now = clock.millis();
            JWKSet current = cached.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, null);
            cached.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(current), now, null);
        } catch (KeySourceException | RuntimeException e) {
            log.info("event=signing_keys_refresh_failed reason=\"{}\"", e.getMessage());
        }
    }

    /** Each completed fetch (on demand or scheduled): which kids it no longer has. */
    private synchronized void refreshed(Event<CachingJWKSetSource<SecurityContext>, SecurityContext> event) {
        if (!(event instanceof CachingJWKSetSource.RefreshCompletedEvent<SecurityContext> completed)) {
            return;
        }
        Set<String> kids = completed.getJWKSet().getKeys().stream().map(JWK::getKeyID).filter(kid -> kid != null)
                .collect(Collectors.toUnmodifiableSet());
        Set<String> withdrawn = knownKids.stream().filter(kid -> !kids.contains(kid)).collect(Collectors.toUnmodifiableSet());
        knownKids = kids;
        if (!withdrawn.isEmpty()) {
            log.info("event=signing_keys_withdrawn kids={}", withdrawn);
            withdrawalListeners.forEach(listener -> listener.accept(withdrawn));
        }
    }

    @Override
    public void destroy() throws IOException {
        refresher.shutdownNow();
        CachingJWKSetSource<SecurityContext> source = keys;
        if (source != null) {
            source.close();
        }
    }

    /** The last on-demand fetch for an unknown kid: when it started, and its key set. */
    private record Refetch(long at, CompletableFuture<JWKSet> keys) {
        static final Refetch NONE = new Refetch(Long.MIN_VALUE / 2, CompletableFuture.completedFuture(new JWKSet()));
    }
}
