package dev.obo.onbehalf;

import java.time.Duration;

import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * The HTTP client of every call to the identity provider (its discovery document, its key set's
 * discovery, its token endpoint, a managed identity's endpoint): {@link PooledHttpClients}, with
 * {@code onbehalf.timeout} to connect and to read, up to 50 connections to a host.
 * <p>
 * Not the JDK's client: with a read timeout, Spring's JDK request factory answers each call
 * through its asynchronous machinery, cancels a future (and builds its exception) on every close,
 * and, without an executor of the client's own, writes each request body (every token request is
 * a form) on a new thread; with it the API spent 5 ms of CPU per On-Behalf-Of request
 * (docs/benchmarks.md).
 */
public final class IdentityProviderClients {

    /** Token requests in flight to one host at most; more wait for a connection (within the timeout). */
    private static final int CONNECTIONS_PER_HOST = 50;

    private IdentityProviderClients() {
    }

    public static ClientHttpRequestFactory requestFactory(Duration timeout) {
        return PooledHttpClients.requestFactory(timeout, timeout, CONNECTIONS_PER_HOST);
    }
}
