package dev.obo.onbehalf.token;

import java.util.function.Supplier;

/**
 * Where downstream tokens are kept between requests, by cache key (a SHA-256 hash, never the
 * assertion). The engine ({@link OnBehalfOfTokens}) owns single-flight, lifetimes and refresh;
 * a store only keeps entries, each until its {@link CachedToken#diesAt()}. The caller's
 * {@code assertion} is passed so that a store that leaves the process can derive its encryption
 * key from it; no store keeps it. The default is {@link CaffeineTokenStore}, in memory.
 */
public interface OnBehalfOfTokenStore {

    /** The live entry under {@code key}, or {@code null}. */
    CachedToken get(String key, String assertion);

    /** Keeps {@code entry} under {@code key} until it dies. */
    void put(String key, String assertion, CachedToken entry);

    /** Removes the entry under {@code key} if it still is {@code entry}; answers whether it did. */
    boolean remove(String key, String assertion, CachedToken entry);

    /**
     * Runs {@code fetch} (the token request, which puts its entry) for a {@code key} that this
     * process has no entry for and no request in flight for. A store shared by several instances
     * lets one of them fetch while the others wait for its entry; the default fetches at once.
     */
    default CachedToken fetchOnce(String key, String assertion, Supplier<CachedToken> fetch) {
        return fetch.get();
    }

    /**
     * Replaces {@code current}, an entry due for its refresh, with what {@code fetch} gets. A store
     * shared by several instances lets one of them refresh and the others take its new entry; the
     * default fetches and puts.
     */
    default void refreshOnce(String key, String assertion, CachedToken current, Supplier<CachedToken> fetch) {
        put(key, assertion, fetch.get());
    }
}
