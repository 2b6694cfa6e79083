package dev.obo.onbehalf;

import java.time.Duration;

import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * The HTTP client of every call to the identity provider (its discovery document, its key set's
 * discovery, its token endpoint, a managed identity's endpoint): Apache HttpClient 5, pooled and
 * synchronous, following no redirect, retrying nothing itself, keeping no cookies, with
 * {@code onbehalf.timeout} to connect and to read. Built with Spring Boot's request-factory builder.
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
    /** Idle longer than this, a pooled connection is checked (a 1 ms read) before it is used. */
    private static final TimeValue STALE_AFTER = TimeValue.ofMilliseconds(500);

    private IdentityProviderClients() {
    }

    public static ClientHttpRequestFactory requestFactory(Duration timeout) {
        return ClientHttpRequestFactoryBuilder.httpComponents()
                .withConnectionManagerCustomizer(pool -> pool.setMaxConnTotal(2 * CONNECTIONS_PER_HOST).setMaxConnPerRoute(CONNECTIONS_PER_HOST))
                // A pooled connection idle for a while is checked before it carries a token request: the identity provider
                // may have closed it (a restart, its own idle timeout), and a token request is not retried.
                .withConnectionConfigCustomizer(connection -> connection.setValidateAfterInactivity(STALE_AFTER))
                .withHttpClientCustomizer(client -> client.disableAutomaticRetries().disableCookieManagement())
                .withDefaultRequestConfigCustomizer(request -> request.setConnectionRequestTimeout(Timeout.of(timeout)))
                .build(HttpClientSettings.defaults().withTimeouts(timeout, timeout).withRedirects(HttpRedirects.DONT_FOLLOW));
    }
}
