package dev.obo.onbehalf.token;

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
    boolean remove(String key, CachedToken entry);
}
