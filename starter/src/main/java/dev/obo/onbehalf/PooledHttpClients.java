package dev.obo.onbehalf;

import java.time.Duration;

import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * Request factories on Apache HttpClient 5, pooled and synchronous, for calls that carry a token
 * or a credential: much cheaper per call than the JDK client's asynchronous machinery
 * (docs/benchmarks.md). They follow no redirect (a token never goes where a response points),
 * keep no cookies and retry nothing themselves (retries are the caller's to decide); a call waits
 * at most its read timeout for a pooled connection, and a connection idle for a while is checked
 * before use (the other side may have closed it: a restart, its own idle timeout).
 */
public final class PooledHttpClients {

    /** Idle longer than this, a pooled connection is checked (a 1 ms read) before it is used. */
    private static final TimeValue STALE_AFTER = TimeValue.ofMilliseconds(500);

    private PooledHttpClients() {
    }

    /** A factory with its own pool of at most {@code connectionsPerHost} connections to a host, twice that in all. */
    public static ClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout, int connectionsPerHost) {
        return ClientHttpRequestFactoryBuilder.httpComponents()
                .withConnectionManagerCustomizer(pool -> pool.setMaxConnTotal(2 * connectionsPerHost).setMaxConnPerRoute(connectionsPerHost))
                .withConnectionConfigCustomizer(connection -> connection.setValidateAfterInactivity(STALE_AFTER))
                .withHttpClientCustomizer(client -> client.disableAutomaticRetries().disableCookieManagement())
                .withDefaultRequestConfigCustomizer(request -> request.setConnectionRequestTimeout(Timeout.of(readTimeout)))
                .build(HttpClientSettings.defaults().withTimeouts(connectTimeout, readTimeout).withRedirects(HttpRedirects.DONT_FOLLOW));
    }
}
